-- one row per (published peer group, metric, year, percentile): the percentile across organisations, without the per-year organisation count (counts could be differenced across groups)
select facility_type, bed_band, region, metric, year, percentile, metric_value
from publish.pooled_benchmark_bands
order by facility_type, bed_band, region, metric, year, percentile
