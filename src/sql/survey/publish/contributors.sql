-- one row per contributor when survey_publish_contributor_names is set, else none: the methodology page names contributors only when the society has their consent in its settings
drop table if exists publish.contributors;
create table publish.contributors as
select distinct c.contributor_id
from survey.contributions as c
cross join survey.settings as s
where s.publish_contributor_names;
