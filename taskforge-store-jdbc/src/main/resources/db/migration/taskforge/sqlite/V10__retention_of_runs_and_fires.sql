-- Retention removes finished pipeline runs (with their steps) and old schedule fires in the order
-- they finished or fired, a batch at a time: each needs its order in an index.
CREATE INDEX tf_pipeline_run_finished_idx ON tf_pipeline_run (finished_at) WHERE finished_at IS NOT NULL;
CREATE INDEX tf_schedule_fire_fired_idx ON tf_schedule_fire (fired_at);
