-- one row: the publication rules and the span of the pooled periods
select min_orgs_benchmark, max_org_share_benchmark, min_cell_public, min_data_age_months,
    publish_contributor_names, cast(period_start as varchar) as period_start, cast(period_end as varchar) as period_end
from publish.survey_about
