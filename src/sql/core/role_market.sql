-- one row per org_id ('all' = national, for every organisation together), year (each snapshot year), role and comparison (primary = the role's market figure, secondary = one shown beside it): the market figure for the role's level, aged to the year, with its source and the words that say so
-- Figures: reference.market_pay, each row's value being the statistic it names for the role's level
-- (empty = median: a title survey's median, an occupation's percentile, or an average where that is all
-- a source gives). Per role and comparison the newest survey year not after the pay year is used, never
-- a later one (a year before the first survey has no figure); several sources that year -> the median of
-- their values. State: an organisation with a state takes reference.market_pay_state's figure for the
-- same SOC occupation, year and statistic where it has one (market_area = the state), else the national
-- one (market_area 'national'); title-survey rows have no occupation and stay national. Ageing:
-- market_value_aged = market_value x index(year) / index(market_year) from reference.wage_index when
-- it has both years (factor 1 for a survey of the pay year), else null and market_basis says it is not
-- aged. market_basis reads "2019 median, aged +27% with ECI to 2025". Stand-in: where no survey names
-- the role, market_pay.csv gives another title's or occupation's figure and its source ends that title
-- or occupation with ", for a <role>" (data/reference/README.md); market_stand_in names whose figure it
-- is ("the BMET II title", "network and computer systems administrators (SOC 15-1244)") so every page
-- that shows the figure says so, null otherwise.
create or replace table core.role_market as
with figures as (
    select
        role,
        year as market_year,
        source,
        source_url,
        soc_code,
        case
            when not regexp_matches(source, ',\s*for an? ') then null
            -- "…, network and computer systems administrators (SOC 15-1244, national), for a …"
            when soc_code is not null then concat(
                nullif(regexp_extract(source, ',\s*([^,(]+?) \(SOC', 1), '') || ' ', '(SOC ' || soc_code || ')')
            when regexp_matches(source, 'title [^),]+') then 'the ' || regexp_extract(source, 'title ([^),]+)', 1) || ' title'
            else 'another title or occupation'
        end as stand_in,
        coalesce(comparison, 'primary') as comparison,
        coalesce(statistic, 'median') as statistic,
        coalesce(status, 'published') as status,
        reason,
        case coalesce(statistic, 'median')
            when 'p10' then p10
            when 'p25' then p25
            when 'median' then median
            when 'p75' then p75
            when 'p90' then p90
            when 'mean' then mean
        end as value
    from reference.market_pay
),

state_figures as (
    select state, soc_code, year, statistic, value, source, source_url, status
    from (
        unpivot reference.market_pay_state
        on p10, p25, median, p75, p90
        into name statistic value value
    )
),

orgs as (
    select org_id, state from core.orgs
    union all
    select 'all', cast(null as varchar)
),

-- the newest figures not after each pay year, per organisation, role and comparison
chosen as (
    select
        o.org_id,
        o.state as org_state,
        y.year,
        f.*,
        s.value as state_value,
        s.source as state_source,
        s.source_url as state_source_url,
        s.status as state_status
    from orgs as o
    cross join (select year from core.year_snapshots) as y
    join figures as f on f.value is not null and f.market_year <= y.year
    left join state_figures as s
        on s.state = o.state and s.soc_code = f.soc_code and s.year = f.market_year and s.statistic = f.statistic
    qualify rank() over (partition by o.org_id, y.year, f.role, f.comparison order by f.market_year desc) = 1
),

market as (
    select
        org_id,
        year,
        role,
        comparison,
        any_value(org_state) as org_state,
        any_value(market_year) as market_year,
        -- one statistic per role and year in practice; the first in name order when sources differ
        min(statistic) as statistic,
        median(coalesce(state_value, value)) as market_value,
        string_agg(coalesce(state_source, source), '; ' order by source) as market_source,
        string_agg(coalesce(state_source_url, source_url), ' ' order by source) as market_source_url,
        case when bool_or(coalesce(state_status, status) = 'secondary copy') then 'secondary copy'
            else 'published' end as market_status,
        string_agg(distinct reason, '; ') as market_reason,
        string_agg(distinct stand_in, '; ') as market_stand_in,
        case
            when count(state_value) = 0 then 'national'
            when count(state_value) = count(*) then any_value(org_state)
            else format('national and {}', any_value(org_state))
        end as market_area
    from chosen
    group by org_id, year, role, comparison
),

aged as (
    select
        m.*,
        case when m.market_year = m.year then 1.0 else w_to.index / w_from.index end as wage_index_factor,
        coalesce(w_to.short_name, 'the wage index') as index_name,
        case m.statistic
            when 'median' then 'median'
            when 'mean' then 'average'
            when 'p10' then '10th percentile'
            when 'p25' then '25th percentile'
            when 'p75' then '75th percentile'
            when 'p90' then '90th percentile'
        end as statistic_label
    from market as m
    left join reference.wage_index as w_from on w_from.year = m.market_year
    left join reference.wage_index as w_to on w_to.year = m.year
)

select
    org_id,
    cast(year as integer) as year,
    role,
    comparison,
    cast(market_year as integer) as market_year,
    statistic,
    cast(market_value as double) as market_value,
    cast(market_value * wage_index_factor as double) as market_value_aged,
    cast(wage_index_factor as double) as wage_index_factor,
    concat(
        format('{} {}', market_year, statistic_label),
        case when market_area <> 'national' then format(' ({})', market_area) end,
        case
            when market_year = year then ', a survey of the pay year, not aged'
            when wage_index_factor is not null
                then format(', aged {}{}% with {} to {}',
                    case when round((wage_index_factor - 1) * 100) >= 0 then '+' else '' end,
                    cast(round((wage_index_factor - 1) * 100) as integer), index_name, year)
            else format(', not aged (no wage index for {} and {})', market_year, year)
        end
    ) as market_basis,
    market_source,
    market_source_url,
    market_status,
    market_reason,
    market_stand_in,
    market_area,
    case
        when org_id = 'all' then 'national figures'
        when market_area = 'national' and org_state is not null
            then format('national figures (no {} figure for this occupation in the reference data)', org_state)
        when market_area = 'national' then 'national figures (no state given for the organisation)'
        else format('{} figures', market_area)
    end as market_area_note
from aged
order by org_id, year, role, comparison;
