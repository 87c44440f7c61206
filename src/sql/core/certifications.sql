-- one row per certification record (employee_id, raw_certification, valid_from)
create or replace table core.certifications as
with names as (
    select distinct certification from raw.certifications
),

first_match as (
    select n.certification, r.code
    from names as n
    join taxonomy.certification_rules as r on regexp_matches(n.certification, r.pattern, 'i')
    qualify row_number() over (partition by n.certification order by r.priority, r.code) = 1
)

select
    c.employee_id,
    coalesce(m.code, 'unmapped') as certification_code,
    c.certification as raw_certification,
    coalesce(c.issuer, t.issuer) as issuer,
    t.domain,
    c.earned_date as valid_from,
    -- an export without expiry dates still expires: renewal years from the taxonomy (null = never expires)
    coalesce(
        c.expiry_date,
        cast(c.earned_date + to_years(cast(t.renewal_years as integer)) as date)
    ) as valid_to
from raw.certifications as c
left join first_match as m on m.certification = c.certification
left join taxonomy.certifications as t on t.code = m.code
order by c.employee_id, c.earned_date, c.certification;
