"""Runs over corpora of any size: two passes with mergeable statistics, in parallel processes or on a Dask
cluster, into a resumable folder of shards. See :func:`augment.scale.runner.run`."""
