// Validation of 复核 and 备案: the opinion is optional, within what the server keeps.
import type { FormRules } from 'element-plus'
import { textRules } from '@/utils/rules'
import { MAX_TEXT_LENGTH } from '../shared/workflows'

export const stepRules: FormRules = {
  opinion: textRules('', MAX_TEXT_LENGTH, () => false),
}
