// The job as you write it in OpenFn's editor, with the adaptor
// @primero-interop/sync/openfn (see README.md). Every hour it runs the four flows; the
// cursors and ledgers it keeps in state.sync ride to the next run with the cron trigger.
sync()

// Or the flows one by one, e.g. to see each report in the run log:
// syncOscarIds();
// syncPrimeroToOscar();
// syncOscarToPrimero();
// setPendingDefaults();
