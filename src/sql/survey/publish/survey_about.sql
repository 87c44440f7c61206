-- one row per pooled warehouse: the rules the pooled figures were published under and the span of the pooled periods, so a public site states them without reading the survey schema
drop table if exists publish.survey_about;
create table publish.survey_about as
select
    s.min_orgs_benchmark,
    s.max_org_share_benchmark,
    s.min_cell_public,
    s.min_data_age_months,
    s.publish_contributor_names,
    (select min(c.period_start) from survey.contributions as c) as period_start,
    (select max(c.period_end) from survey.contributions as c) as period_end
from survey.settings as s;
