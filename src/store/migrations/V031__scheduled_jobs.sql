-- 定时任务 (issue 27): every run of a scheduled job (the daily reminders, by the schedule or run now by
-- an administrator), and whether a job is paused. reminder_runs stays the day's lease.
CREATE TABLE job_runs (
  id {{pk}},
  job TEXT NOT NULL,
  day TEXT NOT NULL,
  started_by TEXT NOT NULL,
  holder TEXT NOT NULL,
  started_at BIGINT NOT NULL,
  finished_at BIGINT,
  sent BIGINT NOT NULL DEFAULT 0,
  failed BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX job_runs_job ON job_runs (job, id);
CREATE TABLE scheduled_jobs (
  name TEXT PRIMARY KEY,
  paused BIGINT NOT NULL DEFAULT 0,
  updated_at BIGINT NOT NULL,
  updated_by TEXT NOT NULL
);
