-- Removes the rows of a file whose load did not complete, before it is loaded again.
ALTER TABLE post_metric_sets_store DELETE WHERE org = {org:String} AND source_file = {sha256:String}
