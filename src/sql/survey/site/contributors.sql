-- one row per contributor the society may name (empty unless survey_publish_contributor_names is set)
select contributor_id from publish.contributors order by contributor_id
