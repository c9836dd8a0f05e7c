package warehouse

// MigrateRewriting applies the pending migrations with each file's statements replaced by
// rewrite's, so that a test can make one of them fail.
var MigrateRewriting = migrate
