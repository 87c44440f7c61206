-- one row per certification record (employee_id, raw_certification, valid_from)
-- valid_to: the export's expiry_date, else earned_date + renewal_years (null = never expires), with two
-- issuer rules from taxonomy.certifications:
-- - earned on or before lifetime_if_earned_by -> never expires (CompTIA certifications earned by
--   2010-12-31 are good for life), whatever the export says;
-- - renewal ladders: a certification of a higher ladder_rank earned while a lower one of the same
--   renewal_ladder is still valid renews it to the higher one's expiry (CompTIA: Security+ renews
--   Network+ and A+). Renewals chain: a lower certification kept valid by one renewal can be renewed
--   again by the next higher one, so the extension is computed recursively to a fixed point.
create or replace table core.certifications as
with recursive names as (
    select distinct certification from raw.certifications
),

first_match as (
    select n.certification, r.code
    from names as n
    join taxonomy.certification_rules as r on regexp_matches(n.certification, r.pattern, 'i')
    qualify row_number() over (partition by n.certification order by r.priority, r.code) = 1
),

records as (
    select
        row_number() over (order by c.employee_id, c.earned_date, c.certification) as record_id,
        c.employee_id,
        coalesce(m.code, 'unmapped') as certification_code,
        c.certification as raw_certification,
        coalesce(c.issuer, t.issuer) as issuer,
        t.domain,
        t.renewal_ladder,
        t.ladder_rank,
        c.earned_date as valid_from,
        case
            when c.earned_date <= cast(t.lifetime_if_earned_by as date) then null
            -- an export without expiry dates still expires: renewal years from the taxonomy (null = never)
            else coalesce(c.expiry_date, cast(c.earned_date + to_years(cast(t.renewal_years as integer)) as date))
        end as own_valid_to,
        c.earned_date <= cast(t.lifetime_if_earned_by as date) as is_lifetime
    from raw.certifications as c
    left join first_match as m on m.certification = c.certification
    left join taxonomy.certifications as t on t.code = m.code
),

renewed (record_id, valid_to) as (
    select record_id, own_valid_to from records
    union
    -- a higher certification earned while this one is still valid carries it to the higher one's expiry
    select lower.record_id, higher.own_valid_to
    from renewed as r
    join records as lower on lower.record_id = r.record_id
    join records as higher
        on higher.employee_id = lower.employee_id
        and higher.renewal_ladder = lower.renewal_ladder
        and higher.ladder_rank > lower.ladder_rank
        and higher.valid_from >= lower.valid_from
        and higher.valid_from < r.valid_to
        and higher.own_valid_to > r.valid_to
)

select
    c.employee_id,
    c.certification_code,
    c.raw_certification,
    c.issuer,
    c.domain,
    c.valid_from,
    case when c.is_lifetime or c.own_valid_to is null then null else max(r.valid_to) end as valid_to
from records as c
join renewed as r on r.record_id = c.record_id
group by c.record_id, c.employee_id, c.certification_code, c.raw_certification, c.issuer, c.domain,
    c.valid_from, c.is_lifetime, c.own_valid_to
order by c.employee_id, c.valid_from, c.raw_certification;
