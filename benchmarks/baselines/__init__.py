"""Reference engines the benchmarks compare against, measured in the same process and run."""
