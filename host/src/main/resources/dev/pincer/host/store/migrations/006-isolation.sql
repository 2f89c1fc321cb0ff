-- What each run's sandbox actually got (null: no sandbox was started for it).
ALTER TABLE runs ADD COLUMN sandbox_runtime TEXT;
ALTER TABLE runs ADD COLUMN sandbox_seccomp TEXT;
ALTER TABLE runs ADD COLUMN sandbox_limits TEXT;
ALTER TABLE runs ADD COLUMN sandbox_limits_per_sandbox INTEGER;
ALTER TABLE runs ADD COLUMN sandbox_memory_mb INTEGER;
ALTER TABLE runs ADD COLUMN sandbox_pids INTEGER;
ALTER TABLE runs ADD COLUMN sandbox_cpus REAL;
ALTER TABLE runs ADD COLUMN sandbox_uid INTEGER;
ALTER TABLE runs ADD COLUMN sandbox_gid INTEGER
