/**
 * The raw values the sample writes, spelled the way HRIS, LMS and CMMS exports spell them. The
 * lists are the team brief's: the taxonomy maps every one of them, except the deliberately
 * unmapped values at the end of each list.
 */
export const ROLES = [
  "BMET I",
  "BMET II",
  "BMET III",
  "Imaging Specialist",
  "Laboratory Specialist",
  "Medical Device Networking Specialist",
  "Medical Device Cybersecurity Specialist",
  "Dental Equipment Technician",
  "Clinical Engineer",
  "HTM Supervisor / Lead",
  "HTM Manager",
  "HTM Director",
  // Not a canonical role: people whose titles the taxonomy deliberately leaves unmapped.
  "Equipment Coordinator",
] as const;
export type Role = (typeof ROLES)[number];

export const JOB_TITLES: Record<Role, readonly string[]> = {
  "BMET I": [
    "BMET I",
    "BMET 1",
    "Biomedical Equipment Technician I",
    "Biomed Tech I",
    "Biomedical Equipment Tech 1",
    "Biomedical Technician Entry",
  ],
  "BMET II": [
    "BMET II",
    "BMET 2",
    "Biomedical Equipment Tech II",
    "Biomedical Equipment Technician II",
    "Biomed Tech II",
  ],
  "BMET III": [
    "BMET III",
    "BMET 3",
    "Sr. Biomedical Equipment Technician",
    "Senior BMET",
    "Biomedical Equipment Technician III",
  ],
  "Imaging Specialist": [
    "Imaging Specialist",
    "Sr. Imaging Engineer",
    "Imaging Service Engineer",
    "Radiology Equipment Specialist",
    "Diagnostic Imaging Technician",
  ],
  "Laboratory Specialist": [
    "Laboratory Equipment Specialist",
    "Lab Equipment Tech",
    "Clinical Lab Equipment Specialist",
  ],
  "Medical Device Networking Specialist": [
    "Network Specialist - Clinical Engineering",
    "Medical Device Integration Specialist",
    "Clinical Systems Network Analyst",
    "HTM Network Specialist",
    "Medical Device Networking Specialist",
  ],
  "Medical Device Cybersecurity Specialist": [
    "Medical Device Security Analyst",
    "Clinical Engineering Cybersecurity Specialist",
    "HTM Cybersecurity Engineer",
    "Medical Device Cybersecurity Specialist",
  ],
  "Dental Equipment Technician": [
    "Dental Equipment Technician",
    "Dental Equipment Tech",
    "Dental Service Technician",
  ],
  "Clinical Engineer": ["Clinical Engineer", "Clinical Engineer II", "Biomedical Engineer"],
  "HTM Supervisor / Lead": ["HTM Supervisor", "Lead BMET", "Biomed Supervisor", "Clinical Engineering Lead"],
  "HTM Manager": ["HTM Manager", "Clinical Engineering Manager", "Biomedical Engineering Manager"],
  "HTM Director": [
    "HTM Director",
    "Director of Clinical Engineering",
    "Director, Healthcare Technology Management",
  ],
  "Equipment Coordinator": ["Equipment Coordinator"],
};
/** A title no rule maps, given for a few months to people on temporary assignments. */
export const SPECIAL_PROJECTS_TITLE = "Special Projects";

export type RoleFamily = "generalist" | "specialist" | "engineering" | "leadership" | "support";
export const ROLE_FAMILY: Record<Role, RoleFamily> = {
  "BMET I": "generalist",
  "BMET II": "generalist",
  "BMET III": "generalist",
  "Imaging Specialist": "specialist",
  "Laboratory Specialist": "specialist",
  "Medical Device Networking Specialist": "specialist",
  "Medical Device Cybersecurity Specialist": "specialist",
  "Dental Equipment Technician": "specialist",
  "Clinical Engineer": "engineering",
  "HTM Supervisor / Lead": "leadership",
  "HTM Manager": "leadership",
  "HTM Director": "leadership",
  "Equipment Coordinator": "support",
};

/**
 * The market a sample organisation pays against, per role: the figure data/reference/market_pay.csv
 * maps the role to (its primary figure: a title-survey median, an occupation median, or the director
 * average) aged to 2025 with the ECI in data/reference/wage_index.csv, e.g. BMET II 61,300 (2019) x
 * 175.885 / 138.7 = 77,734; HTM Supervisor / Lead has no public figure and sits between BMET III and
 * HTM Manager. Earlier years step back 4.04% a year, the ECI's average over 2019-2025 (175.885 / 138.7 over six years), so
 * each year's sample pay meets that year's aged figure. A range midpoint is this x the organisation's
 * pay level, and people sit around 0.95 of their midpoint, so the median of a role across the sample's
 * organisations lands near 0.93-0.97 of its aged market figure.
 */
export const PAY_ANCHORS: Record<Role, { year: number; median: number; growth: number }> = {
  "BMET I": { year: 2025, median: 61_757, growth: 0.0404 },
  "BMET II": { year: 2025, median: 77_734, growth: 0.0404 },
  "BMET III": { year: 2025, median: 94_093, growth: 0.0404 },
  "Imaging Specialist": { year: 2025, median: 116_538, growth: 0.0404 },
  "Laboratory Specialist": { year: 2025, median: 94_093, growth: 0.0404 },
  "Medical Device Networking Specialist": { year: 2025, median: 100_033, growth: 0.0404 },
  "Medical Device Cybersecurity Specialist": { year: 2025, median: 129_082, growth: 0.0404 },
  "Dental Equipment Technician": { year: 2025, median: 77_734, growth: 0.0404 },
  "Clinical Engineer": { year: 2025, median: 115_656, growth: 0.0404 },
  "HTM Supervisor / Lead": { year: 2025, median: 105_000, growth: 0.0404 },
  "HTM Manager": { year: 2025, median: 123_477, growth: 0.0404 },
  "HTM Director": { year: 2025, median: 148_397, growth: 0.0404 },
  "Equipment Coordinator": { year: 2019, median: 42_000, growth: 0.025 },
};

export function marketMedianPay(role: Role, year: number): number {
  const a = PAY_ANCHORS[role];
  return a.median * Math.pow(1 + a.growth, year - a.year);
}

export const PAY_GRADE: Record<Role, string> = {
  "BMET I": "T1",
  "BMET II": "T2",
  "BMET III": "T3",
  "Imaging Specialist": "T5",
  "Laboratory Specialist": "T4",
  "Medical Device Networking Specialist": "IT6",
  "Medical Device Cybersecurity Specialist": "IT7",
  "Dental Equipment Technician": "T2",
  "Clinical Engineer": "E4",
  "HTM Supervisor / Lead": "M1",
  "HTM Manager": "M3",
  "HTM Director": "M5",
  "Equipment Coordinator": "S2",
};

/** Competency domains of the taxonomy; `by_device` work types take the device's domain. */
export type Domain =
  | "general_biomed"
  | "imaging"
  | "laboratory"
  | "networking"
  | "integration"
  | "cybersecurity"
  | "dental"
  | "facilities_support"
  | "projects_procurement"
  | "unmapped";

export interface DeviceType {
  readonly name: string;
  readonly domain: Domain;
  /** Typical acquisition cost, USD, in 2020 dollars. */
  readonly cost: number;
  /** Service life in years. */
  readonly lifeYears: number;
  /** Share networked when bought at the start and at the end of the rise of connected devices. */
  readonly networkedEarly: number;
  readonly networkedLate: number;
  readonly makes: readonly (readonly [manufacturer: string, model: string])[];
}

export const DEVICE_TYPES: readonly DeviceType[] = [
  {
    name: "Infusion Pump",
    domain: "general_biomed",
    cost: 3_000,
    lifeYears: 9,
    networkedEarly: 0.15,
    networkedLate: 0.9,
    makes: [
      ["BD", "Alaris 8015"],
      ["Baxter", "Sigma Spectrum"],
      ["ICU Medical", "Plum 360"],
    ],
  },
  {
    name: "Patient Monitor",
    domain: "general_biomed",
    cost: 16_000,
    lifeYears: 9,
    networkedEarly: 0.45,
    networkedLate: 0.95,
    makes: [
      ["Philips", "IntelliVue MX450"],
      ["GE HealthCare", "CARESCAPE B450"],
      ["Mindray", "BeneVision N15"],
    ],
  },
  {
    name: "Defibrillator",
    domain: "general_biomed",
    cost: 24_000,
    lifeYears: 10,
    networkedEarly: 0.05,
    networkedLate: 0.5,
    makes: [
      ["ZOLL", "R Series"],
      ["Stryker", "LIFEPAK 20e"],
      ["Philips", "HeartStart MRx"],
    ],
  },
  {
    name: "Ventilator",
    domain: "general_biomed",
    cost: 38_000,
    lifeYears: 10,
    networkedEarly: 0.2,
    networkedLate: 0.8,
    makes: [
      ["Medtronic", "Puritan Bennett 980"],
      ["Hamilton Medical", "HAMILTON-C6"],
      ["Dräger", "Evita V800"],
    ],
  },
  {
    name: "Electrosurgical Unit",
    domain: "general_biomed",
    cost: 22_000,
    lifeYears: 10,
    networkedEarly: 0,
    networkedLate: 0.1,
    makes: [
      ["Medtronic", "Valleylab FT10"],
      ["Erbe", "VIO 3"],
    ],
  },
  {
    name: "ECG Machine",
    domain: "general_biomed",
    cost: 12_000,
    lifeYears: 9,
    networkedEarly: 0.4,
    networkedLate: 0.9,
    makes: [
      ["GE HealthCare", "MAC 5500 HD"],
      ["Philips", "PageWriter TC70"],
    ],
  },
  {
    name: "Anesthesia Machine",
    domain: "general_biomed",
    cost: 65_000,
    lifeYears: 12,
    networkedEarly: 0.2,
    networkedLate: 0.85,
    makes: [
      ["GE HealthCare", "Aisys CS2"],
      ["Dräger", "Perseus A500"],
    ],
  },
  {
    name: "Pulse Oximeter",
    domain: "general_biomed",
    cost: 1_500,
    lifeYears: 7,
    networkedEarly: 0,
    networkedLate: 0.2,
    makes: [
      ["Masimo", "Radical-7"],
      ["Medtronic", "Nellcor PM1000N"],
    ],
  },
  {
    name: "Telemetry Transmitter",
    domain: "general_biomed",
    cost: 2_800,
    lifeYears: 7,
    networkedEarly: 0.7,
    networkedLate: 1,
    makes: [
      ["Philips", "IntelliVue MX40"],
      ["GE HealthCare", "ApexPro CH"],
    ],
  },
  {
    name: "Syringe Pump",
    domain: "general_biomed",
    cost: 2_600,
    lifeYears: 9,
    networkedEarly: 0.1,
    networkedLate: 0.8,
    makes: [
      ["BD", "Alaris 8110"],
      ["B. Braun", "Perfusor Space"],
    ],
  },
  {
    name: "Suction Regulator",
    domain: "general_biomed",
    cost: 450,
    lifeYears: 10,
    networkedEarly: 0,
    networkedLate: 0,
    makes: [
      ["Ohio Medical", "Vacuum Regulator"],
      ["Amvex", "VacuTrol"],
    ],
  },
  {
    name: "CT Scanner",
    domain: "imaging",
    cost: 1_050_000,
    lifeYears: 10,
    networkedEarly: 1,
    networkedLate: 1,
    makes: [
      ["Siemens Healthineers", "SOMATOM go.Top"],
      ["GE HealthCare", "Revolution EVO"],
      ["Canon", "Aquilion Prime SP"],
    ],
  },
  {
    name: "MRI Scanner",
    domain: "imaging",
    cost: 1_700_000,
    lifeYears: 12,
    networkedEarly: 1,
    networkedLate: 1,
    makes: [
      ["Siemens Healthineers", "MAGNETOM Vida"],
      ["GE HealthCare", "SIGNA Artist"],
    ],
  },
  {
    name: "X-Ray System",
    domain: "imaging",
    cost: 160_000,
    lifeYears: 12,
    networkedEarly: 0.7,
    networkedLate: 1,
    makes: [
      ["Carestream", "DRX-Evolution Plus"],
      ["Philips", "DigitalDiagnost C90"],
    ],
  },
  {
    name: "Ultrasound",
    domain: "imaging",
    cost: 85_000,
    lifeYears: 8,
    networkedEarly: 0.6,
    networkedLate: 1,
    makes: [
      ["GE HealthCare", "LOGIQ E10"],
      ["Philips", "EPIQ Elite"],
      ["Siemens Healthineers", "ACUSON Sequoia"],
    ],
  },
  {
    name: "C-Arm",
    domain: "imaging",
    cost: 210_000,
    lifeYears: 10,
    networkedEarly: 0.5,
    networkedLate: 1,
    makes: [
      ["GE HealthCare", "OEC 3D"],
      ["Siemens Healthineers", "Cios Alpha"],
    ],
  },
  {
    name: "Mammography Unit",
    domain: "imaging",
    cost: 380_000,
    lifeYears: 10,
    networkedEarly: 1,
    networkedLate: 1,
    makes: [
      ["Hologic", "3Dimensions"],
      ["GE HealthCare", "Senographe Pristina"],
    ],
  },
  {
    name: "Chemistry Analyzer",
    domain: "laboratory",
    cost: 150_000,
    lifeYears: 8,
    networkedEarly: 0.8,
    networkedLate: 1,
    makes: [
      ["Roche", "cobas c 503"],
      ["Abbott", "Alinity c"],
      ["Siemens Healthineers", "Atellica CH 930"],
    ],
  },
  {
    name: "Centrifuge",
    domain: "laboratory",
    cost: 8_000,
    lifeYears: 10,
    networkedEarly: 0,
    networkedLate: 0.05,
    makes: [
      ["Thermo Fisher", "Sorvall ST 40"],
      ["Beckman Coulter", "Allegra X-30"],
    ],
  },
  {
    name: "Hematology Analyzer",
    domain: "laboratory",
    cost: 95_000,
    lifeYears: 8,
    networkedEarly: 0.8,
    networkedLate: 1,
    makes: [
      ["Sysmex", "XN-1000"],
      ["Beckman Coulter", "DxH 900"],
    ],
  },
  {
    name: "Lab Refrigerator",
    domain: "laboratory",
    cost: 7_500,
    lifeYears: 12,
    networkedEarly: 0.05,
    networkedLate: 0.6,
    makes: [
      ["Helmer Scientific", "iSeries"],
      ["Thermo Fisher", "TSX Series"],
    ],
  },
  {
    name: "Dental Chair",
    domain: "dental",
    cost: 26_000,
    lifeYears: 12,
    networkedEarly: 0,
    networkedLate: 0.1,
    makes: [
      ["A-dec", "500"],
      ["Planmeca", "Compact i5"],
    ],
  },
  {
    name: "Dental X-Ray",
    domain: "dental",
    cost: 16_000,
    lifeYears: 10,
    networkedEarly: 0.5,
    networkedLate: 1,
    makes: [
      ["Carestream Dental", "CS 2200"],
      ["Planmeca", "ProX"],
    ],
  },
  {
    name: "Intraoral Scanner",
    domain: "dental",
    cost: 28_000,
    lifeYears: 6,
    networkedEarly: 0.8,
    networkedLate: 1,
    makes: [
      ["Align Technology", "iTero Element 5D"],
      ["3Shape", "TRIOS 5"],
    ],
  },
  {
    name: "Sterilizer",
    domain: "facilities_support",
    cost: 70_000,
    lifeYears: 15,
    networkedEarly: 0,
    networkedLate: 0.4,
    makes: [
      ["STERIS", "AMSCO 400"],
      ["Getinge", "GSS67H"],
    ],
  },
  {
    name: "Hospital Bed",
    domain: "facilities_support",
    cost: 14_000,
    lifeYears: 12,
    networkedEarly: 0.05,
    networkedLate: 0.6,
    makes: [
      ["Stryker", "ProCuity"],
      ["Baxter", "Hillrom Centrella"],
    ],
  },
  {
    name: "Nurse Call Station",
    domain: "facilities_support",
    cost: 5_500,
    lifeYears: 15,
    networkedEarly: 0.6,
    networkedLate: 1,
    makes: [
      ["Rauland", "Responder 5"],
      ["Ascom", "telligence"],
    ],
  },
  {
    name: "Generator",
    domain: "facilities_support",
    cost: 180_000,
    lifeYears: 25,
    networkedEarly: 0,
    networkedLate: 0.2,
    makes: [
      ["Caterpillar", "C15"],
      ["Kohler", "KD1000"],
    ],
  },
  {
    name: "UPS",
    domain: "facilities_support",
    cost: 18_000,
    lifeYears: 10,
    networkedEarly: 0.3,
    networkedLate: 0.9,
    makes: [
      ["Eaton", "93PM"],
      ["Vertiv", "Liebert EXL S1"],
    ],
  },
  {
    name: "RTLS Receiver",
    domain: "facilities_support",
    cost: 1_600,
    lifeYears: 7,
    networkedEarly: 1,
    networkedLate: 1,
    makes: [
      ["CenTrak", "Monitor IR"],
      ["Stanley Healthcare", "AeroScout"],
    ],
  },
  {
    name: "Network Switch",
    domain: "networking",
    cost: 9_000,
    lifeYears: 6,
    networkedEarly: 1,
    networkedLate: 1,
    makes: [
      ["Cisco", "Catalyst 9300"],
      ["Aruba", "CX 6300"],
    ],
  },
  {
    name: "Interface Engine",
    domain: "integration",
    cost: 65_000,
    lifeYears: 7,
    networkedEarly: 1,
    networkedLate: 1,
    makes: [
      ["Capsule", "DDi"],
      ["Philips", "IntelliBridge Enterprise"],
    ],
  },
  {
    name: "Wireless Access Point",
    domain: "networking",
    cost: 1_300,
    lifeYears: 6,
    networkedEarly: 1,
    networkedLate: 1,
    makes: [
      ["Cisco", "Aironet 3800"],
      ["Aruba", "AP-515"],
    ],
  },
  {
    name: "Workstation on Wheels",
    domain: "networking",
    cost: 6_500,
    lifeYears: 6,
    networkedEarly: 1,
    networkedLate: 1,
    makes: [
      ["Ergotron", "CareFit Pro"],
      ["Capsa", "M38e"],
    ],
  },
  // Deliberately unmapped: a CMMS placeholder for equipment nobody classified.
  {
    name: "Unknown Device",
    domain: "unmapped",
    cost: 2_000,
    lifeYears: 8,
    networkedEarly: 0,
    networkedLate: 0,
    makes: [["", ""]],
  },
];
export const UNKNOWN_DEVICE = DEVICE_TYPES.length - 1;

/** How work is requested of an asset: any device, a networked device, devices of given types, or none. */
export type AssetTarget =
  { kind: "any" } | { kind: "networked" } | { kind: "types"; types: readonly string[] } | { kind: "none" };

export interface WorkType {
  readonly names: readonly string[];
  readonly domain: Domain | "by_device";
  readonly target: AssetTarget;
  /** Median in-house labor hours. */
  readonly hours: number;
  /** Probability the work goes to a vendor. */
  readonly vendorShare: number;
  /** Parts cost as a share of the device's acquisition cost (upper bound of a uniform draw). */
  readonly partsShare: number;
  /**
   * Mean days from opened to completed at the start and at the end of the period, where the work has
   * a clock of its own (recall response, incident investigation); otherwise 1.5 in-house, 9 vendor.
   */
  readonly completionDays?: readonly [early: number, late: number];
}

const any: AssetTarget = { kind: "any" };
const networked: AssetTarget = { kind: "networked" };
const types = (...t: string[]): AssetTarget => ({ kind: "types", types: t });

/** Scheduled (PM), corrective (repair) and incoming work whose domain is the device's. */
export const SCHEDULED_WORK: WorkType = {
  names: ["PM", "Preventive Maintenance", "Scheduled Maintenance", "Inspection", "Safety Inspection"],
  domain: "by_device",
  target: any,
  hours: 1.1,
  vendorShare: 0.1,
  partsShare: 0.004,
};
export const CORRECTIVE_WORK: WorkType = {
  names: ["Repair", "Corrective Maintenance"],
  domain: "by_device",
  target: any,
  hours: 2.2,
  vendorShare: 0.12,
  partsShare: 0.03,
};
export const INCOMING_WORK: WorkType = {
  names: ["Incoming Inspection"],
  domain: "by_device",
  target: any,
  hours: 0.8,
  vendorShare: 0.02,
  partsShare: 0,
};

export const NETWORKING_WORK: readonly WorkType[] = [
  {
    names: ["Network Configuration"],
    domain: "networking",
    target: networked,
    hours: 1.8,
    vendorShare: 0.04,
    partsShare: 0,
  },
  {
    names: ["HL7 Interface"],
    domain: "integration",
    target: types("Interface Engine", "Patient Monitor", "Infusion Pump"),
    hours: 4,
    vendorShare: 0.1,
    partsShare: 0,
  },
  {
    names: ["DICOM Configuration"],
    domain: "integration",
    target: types("CT Scanner", "MRI Scanner", "X-Ray System", "Ultrasound", "C-Arm", "Mammography Unit"),
    hours: 2.5,
    vendorShare: 0.08,
    partsShare: 0,
  },
  {
    names: ["PACS Integration"],
    domain: "integration",
    target: types("CT Scanner", "MRI Scanner", "X-Ray System", "Ultrasound", "Mammography Unit"),
    hours: 5,
    vendorShare: 0.12,
    partsShare: 0,
  },
  {
    names: ["Device Integration"],
    domain: "integration",
    target: networked,
    hours: 3,
    vendorShare: 0.05,
    partsShare: 0,
  },
  {
    names: ["VLAN Change"],
    domain: "networking",
    target: types("Network Switch", "Wireless Access Point"),
    hours: 1,
    vendorShare: 0.02,
    partsShare: 0,
  },
  {
    names: ["EMR Integration"],
    domain: "integration",
    target: types("Interface Engine", "Patient Monitor", "Ventilator", "Anesthesia Machine"),
    hours: 6,
    vendorShare: 0.1,
    partsShare: 0,
  },
  {
    names: ["COW Setup"],
    domain: "networking",
    target: types("Workstation on Wheels"),
    hours: 1.5,
    vendorShare: 0,
    partsShare: 0.01,
  },
];
export const CYBERSECURITY_WORK: readonly WorkType[] = [
  {
    names: ["Security Patch"],
    domain: "cybersecurity",
    target: networked,
    hours: 1.2,
    vendorShare: 0.06,
    partsShare: 0,
  },
  {
    names: ["Vulnerability Remediation"],
    domain: "cybersecurity",
    target: networked,
    hours: 2.5,
    vendorShare: 0.08,
    partsShare: 0,
  },
  {
    names: ["Patch Management"],
    domain: "cybersecurity",
    target: networked,
    hours: 1.5,
    vendorShare: 0.04,
    partsShare: 0,
  },
  {
    names: ["Risk Assessment"],
    domain: "cybersecurity",
    target: networked,
    hours: 4,
    vendorShare: 0.05,
    partsShare: 0,
    completionDays: [12, 6],
  },
  {
    names: ["MDS2 Review"],
    domain: "cybersecurity",
    target: networked,
    hours: 2,
    vendorShare: 0,
    partsShare: 0,
    completionDays: [15, 5],
  },
  {
    names: ["Security Incident"],
    domain: "cybersecurity",
    target: networked,
    hours: 6,
    vendorShare: 0.15,
    partsShare: 0,
    completionDays: [10, 4],
  },
];
export const FACILITIES_WORK: readonly WorkType[] = [
  {
    names: ["Sterilizer PM"],
    domain: "facilities_support",
    target: types("Sterilizer"),
    hours: 3,
    vendorShare: 0.3,
    partsShare: 0.004,
  },
  {
    names: ["Sterilizer Repair"],
    domain: "facilities_support",
    target: types("Sterilizer"),
    hours: 4,
    vendorShare: 0.35,
    partsShare: 0.02,
  },
  {
    names: ["Generator Test"],
    domain: "facilities_support",
    target: types("Generator"),
    hours: 2,
    vendorShare: 0.2,
    partsShare: 0.001,
  },
  {
    names: ["Nurse Call"],
    domain: "facilities_support",
    target: types("Nurse Call Station"),
    hours: 1.5,
    vendorShare: 0.1,
    partsShare: 0.02,
  },
  {
    names: ["Bed Repair"],
    domain: "facilities_support",
    target: types("Hospital Bed"),
    hours: 1.5,
    vendorShare: 0.05,
    partsShare: 0.02,
  },
  {
    names: ["RTLS Tag Replacement"],
    domain: "facilities_support",
    target: types("RTLS Receiver"),
    hours: 0.5,
    vendorShare: 0,
    partsShare: 0.03,
  },
  {
    names: ["UPS Maintenance"],
    domain: "facilities_support",
    target: types("UPS"),
    hours: 1.5,
    vendorShare: 0.15,
    partsShare: 0.01,
  },
];
export const DENTAL_WORK: readonly WorkType[] = [
  {
    names: ["Dental Chair Repair"],
    domain: "dental",
    target: types("Dental Chair"),
    hours: 2,
    vendorShare: 0.1,
    partsShare: 0.02,
  },
  {
    names: ["Dental PM"],
    domain: "dental",
    target: types("Dental Chair", "Dental X-Ray", "Intraoral Scanner"),
    hours: 1.2,
    vendorShare: 0.05,
    partsShare: 0.003,
  },
];
export const PROJECT_WORK: readonly WorkType[] = [
  {
    names: ["Installation"],
    domain: "projects_procurement",
    target: any,
    hours: 4,
    vendorShare: 0.2,
    partsShare: 0,
  },
  {
    names: ["Pre-Purchase Evaluation"],
    domain: "projects_procurement",
    target: { kind: "none" },
    hours: 6,
    vendorShare: 0,
    partsShare: 0,
  },
  {
    names: ["Project"],
    domain: "projects_procurement",
    target: { kind: "none" },
    hours: 12,
    vendorShare: 0.1,
    partsShare: 0,
  },
  {
    names: ["Capital Planning"],
    domain: "projects_procurement",
    target: { kind: "none" },
    hours: 8,
    vendorShare: 0,
    partsShare: 0,
  },
];
/**
 * Standardised process work (docs/architecture.md, taxonomy) beyond what other lists already hold (risk assessments and
 * MDS2 reviews are cybersecurity work, pre-purchase evaluations project work, incoming inspections
 * routine): recall and alert response and incident investigation on any device, in the wording
 * CMMS exports use. Their share rises over the period and their response times shorten.
 */
export const PROCESS_WORK: readonly WorkType[] = [
  {
    names: ["Recall Response", "Hazard Alert Review", "FDA Recall", "Field Safety Notice"],
    domain: "by_device",
    target: any,
    hours: 1,
    vendorShare: 0.04,
    partsShare: 0,
    completionDays: [14, 4],
  },
  {
    names: ["Incident Investigation", "Adverse Event Investigation"],
    domain: "by_device",
    target: any,
    hours: 3,
    vendorShare: 0.05,
    partsShare: 0,
    completionDays: [21, 9],
  },
  {
    names: ["Security Risk Assessment", "Pre-Purchase MDS2 Review"],
    domain: "cybersecurity",
    target: networked,
    // a security risk assessment is a morning or a day of work, not a ticket
    hours: 5,
    vendorShare: 0,
    partsShare: 0,
    completionDays: [18, 7],
  },
];
/** Deliberately unmapped work types, as CMMS catch-alls. */
export const UNMAPPED_WORK: WorkType = {
  names: ["Misc", "Other Work"],
  domain: "unmapped",
  target: any,
  hours: 1,
  vendorShare: 0,
  partsShare: 0,
};

export interface CertificationSpec {
  readonly code: string;
  readonly spellings: readonly string[];
  readonly issuer: string;
  /** Years until expiry; undefined = never expires. */
  readonly validYears?: number;
  readonly renewable: boolean;
}

export const CERTIFICATIONS = {
  CBET: {
    code: "CBET",
    spellings: ["CBET", "Certified Biomedical Equipment Technician"],
    issuer: "AAMI Credentials Institute",
    validYears: 3,
    renewable: true,
  },
  CRES: {
    code: "CRES",
    spellings: ["CRES"],
    issuer: "AAMI Credentials Institute",
    validYears: 3,
    renewable: true,
  },
  CHTM: {
    code: "CHTM",
    spellings: ["CHTM"],
    issuer: "AAMI Credentials Institute",
    validYears: 3,
    renewable: true,
  },
  CABT: {
    code: "CABT",
    spellings: ["CABT"],
    issuer: "AAMI Credentials Institute",
    validYears: 5,
    renewable: false,
  },
  CCE: {
    code: "CCE",
    spellings: ["CCE"],
    issuer: "Healthcare Technology Certification Commission",
    renewable: false,
  },
  CISS: {
    code: "CISS",
    spellings: ["CISS"],
    issuer: "AAMI Credentials Institute",
    validYears: 3,
    renewable: true,
  },
  A_PLUS: {
    code: "COMPTIA_A_PLUS",
    spellings: ["CompTIA A+", "A+"],
    issuer: "CompTIA",
    validYears: 3,
    renewable: true,
  },
  NETWORK_PLUS: {
    code: "COMPTIA_NETWORK_PLUS",
    spellings: ["CompTIA Network+", "Network+"],
    issuer: "CompTIA",
    validYears: 3,
    renewable: true,
  },
  SECURITY_PLUS: {
    code: "COMPTIA_SECURITY_PLUS",
    spellings: ["CompTIA Security+", "Security+"],
    issuer: "CompTIA",
    validYears: 3,
    renewable: true,
  },
  CYSA_PLUS: {
    code: "COMPTIA_CYSA_PLUS",
    spellings: ["CompTIA CySA+", "CySA+"],
    issuer: "CompTIA",
    validYears: 3,
    renewable: true,
  },
  CCNA: { code: "CCNA", spellings: ["CCNA", "Cisco CCNA"], issuer: "Cisco", validYears: 3, renewable: true },
  CISSP: { code: "CISSP", spellings: ["CISSP"], issuer: "ISC2", validYears: 3, renewable: true },
  HCISPP: { code: "HCISPP", spellings: ["HCISPP"], issuer: "ISC2", validYears: 3, renewable: true },
} as const satisfies Record<string, CertificationSpec>;
export type CertificationKey = keyof typeof CERTIFICATIONS;
export const UNMAPPED_CERTIFICATION = "Vendor Cert XYZ";

export interface Course {
  readonly name: string;
  readonly provider: string;
  /** Written to the optional domain column; empty when the LMS has no domain for it. */
  readonly domain: string;
  readonly hours: number;
  readonly cost: number;
  /** Relative chance at the start and at the end of the period (IT courses grow). */
  readonly weightEarly: number;
  readonly weightLate: number;
  /** Roles that take it; empty = anyone technical. */
  readonly roles: readonly Role[];
}

export const COURSES: readonly Course[] = [
  {
    name: "Electrical Safety Testing",
    provider: "In-house",
    domain: "general_biomed",
    hours: 4,
    cost: 0,
    weightEarly: 3,
    weightLate: 2,
    roles: [],
  },
  {
    name: "BD Alaris Pump Technical Training",
    provider: "BD",
    domain: "general_biomed",
    hours: 16,
    cost: 1_800,
    weightEarly: 2,
    weightLate: 1.5,
    roles: ["BMET I", "BMET II", "BMET III"],
  },
  {
    name: "Philips IntelliVue Monitoring Service",
    provider: "Philips",
    domain: "general_biomed",
    hours: 24,
    cost: 3_200,
    weightEarly: 2,
    weightLate: 1.5,
    roles: ["BMET I", "BMET II", "BMET III"],
  },
  {
    name: "AAMI CBET Prep Course",
    provider: "AAMI",
    domain: "general_biomed",
    hours: 24,
    cost: 650,
    weightEarly: 2,
    weightLate: 1.5,
    roles: ["BMET I", "BMET II"],
  },
  {
    name: "GE CT Service School",
    provider: "GE HealthCare",
    domain: "imaging",
    hours: 80,
    cost: 9_500,
    weightEarly: 2,
    weightLate: 2,
    roles: ["Imaging Specialist", "BMET III"],
  },
  {
    name: "Siemens MRI Service Training",
    provider: "Siemens Healthineers",
    domain: "imaging",
    hours: 80,
    cost: 11_000,
    weightEarly: 1.5,
    weightLate: 1.5,
    roles: ["Imaging Specialist"],
  },
  {
    name: "Roche cobas Analyzer Service",
    provider: "Roche",
    domain: "laboratory",
    hours: 40,
    cost: 5_200,
    weightEarly: 2,
    weightLate: 2,
    roles: ["Laboratory Specialist"],
  },
  {
    name: "STERIS Sterilizer Maintenance",
    provider: "STERIS",
    domain: "facilities_support",
    hours: 24,
    cost: 2_600,
    weightEarly: 0.8,
    weightLate: 1.6,
    roles: ["BMET II", "BMET III"],
  },
  {
    name: "NFPA 99 Update",
    provider: "In-house",
    domain: "facilities_support",
    hours: 2,
    cost: 0,
    weightEarly: 1,
    weightLate: 1.5,
    roles: [],
  },
  {
    name: "A-dec Dental Chair Service",
    provider: "A-dec",
    domain: "dental",
    hours: 16,
    cost: 1_200,
    weightEarly: 1,
    weightLate: 1,
    roles: ["Dental Equipment Technician"],
  },
  {
    name: "CompTIA Network+ Bootcamp",
    provider: "CompTIA",
    domain: "networking",
    hours: 40,
    cost: 2_500,
    weightEarly: 0.3,
    weightLate: 2.5,
    roles: [],
  },
  {
    name: "HL7 Interfacing Fundamentals",
    provider: "HL7 International",
    domain: "integration",
    hours: 16,
    cost: 900,
    weightEarly: 0.2,
    weightLate: 1.5,
    roles: [],
  },
  {
    name: "DICOM and PACS for HTM",
    provider: "AAMI",
    domain: "",
    hours: 12,
    cost: 700,
    weightEarly: 0.3,
    weightLate: 1.2,
    roles: [],
  },
  {
    name: "CompTIA Security+ Course",
    provider: "CompTIA",
    domain: "cybersecurity",
    hours: 40,
    cost: 2_800,
    weightEarly: 0.1,
    weightLate: 2.5,
    roles: [],
  },
  {
    name: "Medical Device Cybersecurity Fundamentals",
    provider: "AAMI",
    domain: "cybersecurity",
    hours: 8,
    cost: 450,
    weightEarly: 0.2,
    weightLate: 2,
    roles: [],
  },
  {
    name: "Leadership for HTM Managers",
    provider: "AAMI",
    domain: "",
    hours: 16,
    cost: 1_500,
    weightEarly: 1,
    weightLate: 1,
    roles: ["HTM Supervisor / Lead", "HTM Manager", "HTM Director", "Clinical Engineer"],
  },
];

/** Exports differ in case: one HRIS upper-cases everything, a CMMS lower-cases it. */
export type CaseStyle = "as_is" | "upper" | "lower";
export function styled(value: string, style: CaseStyle): string {
  return style === "upper" ? value.toUpperCase() : style === "lower" ? value.toLowerCase() : value;
}
