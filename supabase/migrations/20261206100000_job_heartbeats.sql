-- Job heartbeats (issue 12, item 18): a worker killed mid-job (kill -9, a lost machine) used to
-- leave its job active until the queue's expiry, the whole job timeout (about 5 minutes), so an ID
-- scan at the front desk waited that long for its retry. Every kind's queue now carries pg-boss's
-- heartbeat: a running worker refreshes the claimed job's heartbeat_on every 5 s, and pg-boss's
-- supervisor fails (and so retries, or dead-letters on the last try) a job whose heartbeat is
-- older than 10 s. The worker sets the same value at start (boss.updateQueue, heartbeatSeconds in
-- gpu-worker/src/jobs/worker-options.ts); this makes it hold for jobs queued before any worker
-- ever started. Expiry stays as the bound for a live worker that hangs.
-- See docs/decisions/015-gpu-worker-jobs.md.

update pgboss.queue
set heartbeat_seconds = 10
where name in ('ocr_id_document', 'ocr_receipt', 'ocr_menu', 'forecast', 'no_show_risk');

-- Jobs already waiting take their heartbeat from the queue only when inserted: give them theirs.
update pgboss.job
set heartbeat_seconds = 10
where name in ('ocr_id_document', 'ocr_receipt', 'ocr_menu', 'forecast', 'no_show_risk')
  and state < 'active' and heartbeat_seconds is null;
