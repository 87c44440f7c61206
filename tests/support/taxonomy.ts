/**
 * A small taxonomy in the warehouse layout of data/taxonomy/*.csv, mapping the raw values the
 * fixtures use exactly as the shipped taxonomy does. It stands in until the taxonomy loader can
 * be called from tests; fixtures must only use raw values listed in the team brief.
 */
import type { DuckDBConnection } from "@duckdb/node-api";

const TAXONOMY_SQL = `
create schema if not exists taxonomy;
create schema if not exists reference;

create or replace table taxonomy.roles as
select * from (values
    ('BMET I', 'generalist', 1, 'general_biomed', '49-9062', 'Entry-level biomedical equipment technician'),
    ('BMET II', 'generalist', 2, 'general_biomed', '49-9062', 'Biomedical equipment technician'),
    ('BMET III', 'generalist', 3, 'general_biomed', '49-9062', 'Senior biomedical equipment technician'),
    ('Imaging Specialist', 'specialist', 4, 'imaging', '49-9062', 'Imaging equipment specialist'),
    ('Laboratory Specialist', 'specialist', 4, 'laboratory', '49-9062', 'Laboratory equipment specialist'),
    ('Medical Device Networking Specialist', 'specialist', 4, 'networking_integration', '15-1244', 'Networking'),
    ('Medical Device Cybersecurity Specialist', 'specialist', 4, 'cybersecurity', '15-1212', 'Cybersecurity'),
    ('Dental Equipment Technician', 'specialist', 3, 'dental', '49-9062', 'Dental equipment'),
    ('Clinical Engineer', 'engineering', 4, 'general_biomed', '17-2031', 'Clinical engineer'),
    ('HTM Supervisor / Lead', 'leadership', 5, null, '49-1011', 'Supervisor'),
    ('HTM Manager', 'leadership', 6, null, '11-9111', 'Manager'),
    ('HTM Director', 'leadership', 7, null, '11-9111', 'Director')
) as t(role, role_family, ladder_level, primary_domain, soc_code, description);

create or replace table taxonomy.job_title_rules as
select * from (values
    (10, 'director', 'HTM Director'),
    (20, 'manager', 'HTM Manager'),
    (30, 'supervisor|lead', 'HTM Supervisor / Lead'),
    (40, 'cyber|security', 'Medical Device Cybersecurity Specialist'),
    (50, 'network|integration', 'Medical Device Networking Specialist'),
    (60, 'imaging|radiology', 'Imaging Specialist'),
    (70, 'lab', 'Laboratory Specialist'),
    (80, 'dental', 'Dental Equipment Technician'),
    (90, 'clinical engineer|biomedical engineer', 'Clinical Engineer'),
    (100, '(iii|3)$|senior|sr\\.', 'BMET III'),
    (110, '(ii|2)$', 'BMET II'),
    (120, 'bmet|biomed', 'BMET I')
) as t(priority, pattern, role);

create or replace table taxonomy.domains as
select * from (values
    ('general_biomed', 'General biomed', ''),
    ('imaging', 'Imaging', ''),
    ('laboratory', 'Laboratory', ''),
    ('networking_integration', 'Networking and integration', ''),
    ('cybersecurity', 'Cybersecurity', ''),
    ('dental', 'Dental', ''),
    ('facilities_support', 'Facilities support', ''),
    ('projects_procurement', 'Projects and procurement', '')
) as t(domain, label, description);

create or replace table taxonomy.work_type_rules as
select * from (values
    (10, '^(pm|preventive maintenance|scheduled maintenance|inspection|safety inspection|repair|corrective maintenance|incoming inspection)$', 'by_device'),
    (20, 'security|vulnerability|patch|risk assessment|mds2', 'cybersecurity'),
    (30, 'network|hl7|dicom|pacs|integration|vlan|emr|cow setup', 'networking_integration'),
    (40, 'dental', 'dental'),
    (50, 'sterilizer|generator|nurse call|bed repair|rtls|ups', 'facilities_support'),
    (60, 'installation|pre-purchase|^project$|capital planning', 'projects_procurement')
) as t(priority, pattern, domain);

create or replace table taxonomy.device_type_rules as
select * from (values
    (10, 'dental', 'dental'),
    (20, 'infusion|monitor|defibrillator|ventilator|electrosurgical|ecg|anesthesia|oximeter|telemetry|syringe|suction', 'general_biomed'),
    (30, 'ct scanner|mri|x-ray|ultrasound|c-arm|mammography', 'imaging'),
    (40, 'analyzer|centrifuge|lab refrigerator', 'laboratory'),
    (50, 'sterilizer|hospital bed|nurse call|generator|^ups$|rtls', 'facilities_support'),
    (60, 'switch|interface engine|access point|workstation on wheels', 'networking_integration')
) as t(priority, pattern, domain);

create or replace table taxonomy.certification_rules as
select * from (values
    (10, '^(cbet|certified biomedical equipment technician)$', 'CBET'),
    (20, '^cres$', 'CRES'),
    (30, '^chtm$', 'CHTM'),
    (40, '^cabt$', 'CABT'),
    (50, '^cce$', 'CCE'),
    (60, '^(comptia )?a\\+$', 'COMPTIA_A_PLUS'),
    (70, '^(comptia )?network\\+$', 'COMPTIA_NETWORK_PLUS'),
    (80, '^(comptia )?security\\+$', 'COMPTIA_SECURITY_PLUS'),
    (90, '^(cisco )?ccna$', 'CCNA')
) as t(priority, pattern, code);

create or replace table taxonomy.certifications as
select * from (values
    ('CBET', 'Certified Biomedical Equipment Technician', 'AAMI Credentials Institute', 'general_biomed', 3, true, 30),
    ('CRES', 'Certified Radiology Equipment Specialist', 'AAMI Credentials Institute', 'imaging', 3, true, 30),
    ('CHTM', 'Certified Healthcare Technology Manager', 'AAMI Credentials Institute', 'general_biomed', 3, true, 30),
    ('CABT', 'Certified Associate in Biomedical Technology', 'AAMI Credentials Institute', 'general_biomed', 5, false, null),
    ('CCE', 'Certified Clinical Engineer', 'ACCE Healthcare Technology Foundation', 'general_biomed', null, false, null),
    ('COMPTIA_A_PLUS', 'CompTIA A+', 'CompTIA', 'networking_integration', 3, true, 20),
    ('COMPTIA_NETWORK_PLUS', 'CompTIA Network+', 'CompTIA', 'networking_integration', 3, true, 30),
    ('COMPTIA_SECURITY_PLUS', 'CompTIA Security+', 'CompTIA', 'cybersecurity', 3, true, 50),
    ('CCNA', 'Cisco Certified Network Associate', 'Cisco', 'networking_integration', 3, true, 30)
) as t(code, name, issuer, domain, renewal_years, renewable, ceus);

create or replace table reference.market_pay (
    role varchar, year integer, source varchar, source_url varchar, soc_code varchar,
    p10 double, p25 double, median double, p75 double, p90 double
);
`;

/** Creates taxonomy.* and an empty reference.market_pay on `conn`. */
export async function createFixtureTaxonomy(conn: DuckDBConnection): Promise<void> {
  await conn.run(TAXONOMY_SQL);
}
