-- The multi-organisation rules of a pooled statistic (docs/survey.md, the pooled warehouse), the one
-- place they are written for every pooled mart: fewer than min_orgs organisations, or one organisation
-- above max_org_share of the statistic's weight (headcount, hours, people at risk, assets). Null when
-- the statistic passes both; a mart adds its own cell rule (fewer than min_cell_public people) after it.
create or replace macro multi_org_rule(orgs, org_share, min_orgs, max_org_share) as
    case
        when orgs < min_orgs then 'fewer than ' || cast(min_orgs as varchar(20)) || ' organisations'
        when org_share > max_org_share
            then 'one organisation above ' || cast(cast(round(max_org_share * 100) as integer) as varchar(20)) || '% of the weight'
    end;
