-- one row: how many peer groups the rules withheld (a count only, never which ones)
select count(*) as withheld
from publish.publication_groups
where suppressed_reason is not null
