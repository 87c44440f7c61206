-- one row: the disclosure settings this publication applies (the warehouse's meta.settings, the audience of the build, and the publication date)
create or replace table work.settings as
select
    cast($audience as varchar) as audience,
    cast($min_cell_public as integer) as min_cell_public,
    cast($min_pay_group as integer) as min_pay_group,
    cast($min_pay_quartile_group as integer) as min_pay_quartile_group,
    cast($pay_rounding_usd as double) as pay_rounding_usd,
    cast($min_orgs_benchmark as integer) as min_orgs_benchmark,
    cast($max_org_share_benchmark as double) as max_org_share_benchmark,
    cast($min_benchmark_age_months as integer) as min_benchmark_age_months,
    cast($published_on as date) as published_on;
