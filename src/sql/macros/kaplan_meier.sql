-- Kaplan-Meier with Greenwood's variance and a 95% interval on the log scale (R survival::survfit's
-- defaults, conf.type = "log"), the one formula of the hospital's retention curves
-- (core.retention_km_steps, marts.retention_curve) and the society's pooled curves
-- (src/sql/survey/pool/pooled_retention_curve.sql). At each step with `events` leavers of `at_risk`:
-- S(t) = exp(sum of km_log_factor), var(log S) = sum of greenwood_term, both summed over the steps up to
-- t; a step where everyone left (events = at_risk) ends the curve at 0, where the variance is undefined.
create or replace macro km_log_factor(events, at_risk) as
    case when events < at_risk then ln(1.0 - cast(events as double) / at_risk) else 0.0 end;

create or replace macro greenwood_term(events, at_risk) as
    case when events < at_risk then cast(events as double) / (cast(at_risk as double) * (at_risk - events)) else 0.0 end;

create or replace macro km_ci_lower(survival, std_err_log) as
    case when survival > 0 then survival * exp(-1.959963984540054 * std_err_log) end;

create or replace macro km_ci_upper(survival, std_err_log) as
    case when survival > 0 then least(1.0, survival * exp(1.959963984540054 * std_err_log)) end;
