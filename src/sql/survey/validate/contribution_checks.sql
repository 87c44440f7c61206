-- one row per (contribution, check) that some rows of a staged contribution fail: impossible totals, negative counts, rows outside the period
select contribution_id, check_name, count(*) as failing_rows
from (
    select contribution_id,
        case
            when table_name not in ('headcount_monthly', 'turnover_monthly', 'separations_by_type',
                'workload_quarterly', 'inventory_yearly', 'requisitions', 'retention_km', 'pay_histogram',
                'certifications_yearly', 'specialist_roles_yearly')
                then 'unknown table ' || coalesce(table_name, 'null')
            when least(coalesce(headcount, 0), coalesce(headcount_start, 0), coalesce(headcount_end, 0),
                coalesce(separations, 0), coalesce(voluntary_separations, 0), coalesce(at_risk, 0),
                coalesce(events, 0), coalesce(assets, 0), coalesce(requisitions, 0), coalesce(people, 0)) < 0
                or least(coalesce(fte, 0), coalesce(hours, 0), coalesce(vendor_cost_usd, 0),
                    coalesce(parts_cost_usd, 0), coalesce(acquisition_cost_usd, 0)) < 0
                then 'negative count or sum'
            when events > at_risk then 'more events than people at risk (retention_km)'
            when voluntary_separations > separations then 'more voluntary separations than separations'
            when fte > headcount then 'more FTE than people (headcount_monthly)'
            when table_name = 'certifications_yearly' and people > headcount then 'more holders than staff (certifications_yearly)'
            when table_name = 'pay_histogram' and people = 0 then 'an empty pay bin'
            when table_name = 'pay_histogram' and not (pay_upper_usd > pay_lower_usd) then 'a pay bin without width'
            when month_start > period_end or last_day(month_start) < period_start then 'a month outside the period'
            when quarter_start > period_end or quarter_start + interval 3 month <= period_start
                then 'a quarter outside the period'
        end as check_name
    from staged_rows
)
where check_name is not null
group by contribution_id, check_name
order by contribution_id, check_name;
