-- one row per distinct work_type of the work orders: its kind of work, 'corrective' (repairs), 'scheduled' (planned maintenance, inspections, tests) or 'other' (incoming inspection, installation, projects, anything else)
-- First match wins, in this order: acceptance and project work is neither repair nor scheduled
-- maintenance; then repair words; then scheduled-maintenance words (a "Sterilizer PM" is scheduled, a
-- "Bed Repair" corrective). The strain marts (backlog, turnaround) read corrective work from here.
create or replace table core.work_type_kinds as
select
    work_type,
    case
        when regexp_matches(work_type, 'incoming|acceptance|install|pre-?purchase|project|capital|planning|decommission', 'i')
            then 'other'
        when regexp_matches(work_type, 'repair|corrective|(^|[^a-z])cm([^a-z]|$)|breakdown|troubleshoot|fault|failure|malfunction', 'i')
            then 'corrective'
        when regexp_matches(work_type, '(^|[^a-z])(pm|pms|ipm|sm)([^a-z]|$)|prevent|scheduled|inspect|calibrat|safety|test|maintenance', 'i')
            then 'scheduled'
        else 'other'
    end as kind
from (select distinct work_type from raw.work_orders)
order by work_type;
