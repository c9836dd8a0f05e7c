package pipeline

// GuardForTest exposes the cron wrapper chain to the tests.
var GuardForTest = guard
