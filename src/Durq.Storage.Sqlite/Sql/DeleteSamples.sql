DELETE FROM durq_timeseries WHERE tenant = $tenant AND bucket_start < $before;
