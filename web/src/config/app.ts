// Names the whole app shows.
export const APP_TITLE = '建筑工程施工质量标准化管理平台'
export const APP_SUBTITLE = '上海市建设市场管理信息平台 · 质量标准化'
