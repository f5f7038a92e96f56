// SOC 2 Trust Services Criteria (AICPA TSP section 100, 2017; the 2022 revision changed only the
// points of focus, so ids and criteria are unchanged). Summaries paraphrase the criterion text.

export interface Control {
  id: string;
  title: string;
  summary: string;
  category: string;
}

const CE = 'Control Environment';
const CI = 'Communication and Information';
const RA = 'Risk Assessment';
const MA = 'Monitoring Activities';
const CA = 'Control Activities';
const LPA = 'Logical and Physical Access Controls';
const SO = 'System Operations';
const CM = 'Change Management';
const RM = 'Risk Mitigation';
const AV = 'Availability';
const CO = 'Confidentiality';
const PI = 'Processing Integrity';
const PR = 'Privacy';

// Order matters: it is the catalog order used for listings and for tie-breaking suggestions.
export const SOC2_2017: readonly Control[] = [
  // CC1 — COSO principles 1–5
  {
    id: 'CC1.1',
    title: 'Commitment to integrity and ethical values',
    summary: 'The entity demonstrates a commitment to integrity and ethical values.',
    category: CE,
  },
  {
    id: 'CC1.2',
    title: 'Board independence and oversight',
    summary:
      'The board of directors is independent from management and oversees the development and performance of internal control.',
    category: CE,
  },
  {
    id: 'CC1.3',
    title: 'Organizational structure, reporting lines and authority',
    summary:
      'With board oversight, management establishes structures, reporting lines, and appropriate authorities and responsibilities in pursuit of the entity\'s objectives.',
    category: CE,
  },
  {
    id: 'CC1.4',
    title: 'Commitment to competence',
    summary:
      'The entity demonstrates a commitment to attracting, developing, and retaining competent individuals in line with its objectives.',
    category: CE,
  },
  {
    id: 'CC1.5',
    title: 'Accountability for internal control',
    summary:
      'The entity holds individuals accountable for their internal control responsibilities in pursuit of its objectives.',
    category: CE,
  },

  // CC2 — COSO principles 13–15
  {
    id: 'CC2.1',
    title: 'Quality information for internal control',
    summary:
      'The entity obtains or generates, and uses, relevant quality information to support the functioning of internal control.',
    category: CI,
  },
  {
    id: 'CC2.2',
    title: 'Internal communication',
    summary:
      'The entity communicates internally the information needed to support internal control, including objectives and responsibilities for internal control.',
    category: CI,
  },
  {
    id: 'CC2.3',
    title: 'External communication',
    summary: 'The entity communicates with external parties about matters affecting the functioning of internal control.',
    category: CI,
  },

  // CC3 — COSO principles 6–9
  {
    id: 'CC3.1',
    title: 'Specification of objectives',
    summary:
      'The entity specifies its objectives clearly enough to allow the risks relating to those objectives to be identified and assessed.',
    category: RA,
  },
  {
    id: 'CC3.2',
    title: 'Risk identification and analysis',
    summary:
      'The entity identifies risks to achieving its objectives across the entity and analyzes them as the basis for deciding how they should be managed.',
    category: RA,
  },
  {
    id: 'CC3.3',
    title: 'Fraud risk assessment',
    summary: 'The entity considers the potential for fraud when assessing risks to achieving its objectives.',
    category: RA,
  },
  {
    id: 'CC3.4',
    title: 'Assessment of significant changes',
    summary: 'The entity identifies and assesses changes that could significantly affect its system of internal control.',
    category: RA,
  },

  // CC4 — COSO principles 16–17
  {
    id: 'CC4.1',
    title: 'Ongoing and separate evaluations',
    summary:
      'The entity selects, develops, and performs ongoing and/or separate evaluations to determine whether the components of internal control are present and functioning.',
    category: MA,
  },
  {
    id: 'CC4.2',
    title: 'Evaluation and communication of deficiencies',
    summary:
      'The entity evaluates internal control deficiencies and communicates them in a timely manner to those responsible for corrective action, including senior management and the board of directors as appropriate.',
    category: MA,
  },

  // CC5 — COSO principles 10–12
  {
    id: 'CC5.1',
    title: 'Selection and development of control activities',
    summary:
      'The entity selects and develops control activities that help reduce risks to achieving its objectives to acceptable levels.',
    category: CA,
  },
  {
    id: 'CC5.2',
    title: 'General controls over technology',
    summary: 'The entity selects and develops general control activities over technology to support achieving its objectives.',
    category: CA,
  },
  {
    id: 'CC5.3',
    title: 'Deployment through policies and procedures',
    summary:
      'The entity deploys control activities through policies that establish what is expected and procedures that put those policies into action.',
    category: CA,
  },

  // CC6 — logical and physical access
  {
    id: 'CC6.1',
    title: 'Logical access security software, infrastructure and architectures',
    summary:
      'The entity implements logical access security software, infrastructure, and architectures over protected information assets to protect them from security events to meet the entity\'s objectives.',
    category: LPA,
  },
  {
    id: 'CC6.2',
    title: 'User registration, authorization and credential removal',
    summary:
      'Before issuing credentials and granting system access, the entity registers and authorizes new internal and external users whose access it administers. Credentials of such users are removed when their access is no longer authorized.',
    category: LPA,
  },
  {
    id: 'CC6.3',
    title: 'Role-based access, least privilege and segregation of duties',
    summary:
      'The entity authorizes, modifies, or removes access to data, software, functions, and other protected information assets based on roles, responsibilities, or system design and changes, considering least privilege and segregation of duties.',
    category: LPA,
  },
  {
    id: 'CC6.4',
    title: 'Physical access restrictions',
    summary:
      'The entity restricts physical access to facilities and protected information assets, such as data centers, backup media storage, and other sensitive locations, to authorized personnel.',
    category: LPA,
  },
  {
    id: 'CC6.5',
    title: 'Secure disposal of physical assets',
    summary:
      'The entity removes logical and physical protections over physical assets only after the ability to read or recover data and software from them has been diminished and is no longer required.',
    category: LPA,
  },
  {
    id: 'CC6.6',
    title: 'Protection against external threats',
    summary:
      'The entity implements logical access security measures to protect against threats from sources outside its system boundaries.',
    category: LPA,
  },
  {
    id: 'CC6.7',
    title: 'Transmission, movement and removal of information',
    summary:
      'The entity restricts the transmission, movement, and removal of information to authorized internal and external users and processes, and protects it while it is transmitted, moved, or removed.',
    category: LPA,
  },
  {
    id: 'CC6.8',
    title: 'Prevention and detection of unauthorized or malicious software',
    summary:
      'The entity implements controls to prevent, or detect and act upon, the introduction of unauthorized or malicious software.',
    category: LPA,
  },

  // CC7 — system operations
  {
    id: 'CC7.1',
    title: 'Configuration and vulnerability monitoring',
    summary:
      'The entity uses detection and monitoring procedures to identify configuration changes that introduce new vulnerabilities and susceptibilities to newly discovered vulnerabilities.',
    category: SO,
  },
  {
    id: 'CC7.2',
    title: 'Monitoring for anomalies',
    summary:
      'The entity monitors system components and their operation for anomalies indicative of malicious acts, natural disasters, and errors affecting its ability to meet its objectives. Anomalies are analyzed to determine whether they represent security events.',
    category: SO,
  },
  {
    id: 'CC7.3',
    title: 'Evaluation of security events',
    summary:
      'The entity evaluates security events to determine whether they could or did cause a failure to meet its objectives (security incidents) and, if so, acts to prevent or address such failures.',
    category: SO,
  },
  {
    id: 'CC7.4',
    title: 'Incident response',
    summary:
      'The entity responds to identified security incidents by executing a defined incident response program to understand, contain, remediate, and communicate them as appropriate.',
    category: SO,
  },
  {
    id: 'CC7.5',
    title: 'Incident recovery',
    summary: 'The entity identifies, develops, and implements activities to recover from identified security incidents.',
    category: SO,
  },

  // CC8 — change management
  {
    id: 'CC8.1',
    title: 'Change management',
    summary:
      'The entity authorizes, designs, develops or acquires, configures, documents, tests, approves, and implements changes to infrastructure, data, software, and procedures to meet its objectives.',
    category: CM,
  },

  // CC9 — risk mitigation
  {
    id: 'CC9.1',
    title: 'Business disruption risk mitigation',
    summary:
      'The entity identifies, selects, and develops risk mitigation activities for risks arising from potential business disruptions.',
    category: RM,
  },
  {
    id: 'CC9.2',
    title: 'Vendor and business partner risk management',
    summary: 'The entity assesses and manages risks associated with vendors and business partners.',
    category: RM,
  },

  // A1 — availability
  {
    id: 'A1.1',
    title: 'Capacity management',
    summary:
      'The entity maintains, monitors, and evaluates current processing capacity and use of system components (infrastructure, data, and software) to manage capacity demand and enable additional capacity to be added when needed.',
    category: AV,
  },
  {
    id: 'A1.2',
    title: 'Environmental protections, backup and recovery infrastructure',
    summary:
      'The entity authorizes, designs, develops or acquires, implements, operates, approves, maintains, and monitors environmental protections, software, data backup processes, and recovery infrastructure to meet its objectives.',
    category: AV,
  },
  {
    id: 'A1.3',
    title: 'Recovery plan testing',
    summary: 'The entity tests the recovery plan procedures that support system recovery to meet its objectives.',
    category: AV,
  },

  // C1 — confidentiality
  {
    id: 'C1.1',
    title: 'Identification and maintenance of confidential information',
    summary:
      'The entity identifies and maintains confidential information to meet its objectives related to confidentiality.',
    category: CO,
  },
  {
    id: 'C1.2',
    title: 'Disposal of confidential information',
    summary: 'The entity disposes of confidential information to meet its objectives related to confidentiality.',
    category: CO,
  },

  // PI1 — processing integrity
  {
    id: 'PI1.1',
    title: 'Processing specifications and quality information',
    summary:
      'The entity obtains or generates, uses, and communicates relevant quality information about its processing objectives, including definitions of the data processed and product and service specifications, to support the use of its products and services.',
    category: PI,
  },
  {
    id: 'PI1.2',
    title: 'System inputs',
    summary:
      'The entity implements policies and procedures over system inputs, including controls over completeness and accuracy, so that products, services, and reporting meet its objectives.',
    category: PI,
  },
  {
    id: 'PI1.3',
    title: 'System processing',
    summary:
      'The entity implements policies and procedures over system processing so that products, services, and reporting meet its objectives.',
    category: PI,
  },
  {
    id: 'PI1.4',
    title: 'System outputs',
    summary:
      'The entity implements policies and procedures to make output available or deliver it completely, accurately, and timely in accordance with specifications.',
    category: PI,
  },
  {
    id: 'PI1.5',
    title: 'Storage of inputs, items in processing and outputs',
    summary:
      'The entity implements policies and procedures to store inputs, items in processing, and outputs completely, accurately, and timely in accordance with system specifications.',
    category: PI,
  },

  // P1–P8 — privacy
  {
    id: 'P1.1',
    title: 'Privacy notice',
    summary:
      'The entity gives data subjects notice of its privacy practices. The notice is updated and communicated in a timely manner when those practices change, including changes in the use of personal information.',
    category: PR,
  },
  {
    id: 'P2.1',
    title: 'Choice and consent',
    summary:
      'The entity tells data subjects the choices available for the collection, use, retention, disclosure, and disposal of their personal information and the consequences of each choice, and obtains explicit consent where required, only for the intended purpose. Its basis for determining implicit consent is documented.',
    category: PR,
  },
  {
    id: 'P3.1',
    title: 'Collection consistent with objectives',
    summary: 'Personal information is collected consistently with the entity\'s objectives related to privacy.',
    category: PR,
  },
  {
    id: 'P3.2',
    title: 'Explicit consent for collection',
    summary:
      'Where explicit consent is required, the entity communicates the need for consent and the consequences of not providing it, and obtains consent before collecting the information.',
    category: PR,
  },
  {
    id: 'P4.1',
    title: 'Limitation of use',
    summary: 'The entity limits the use of personal information to the purposes identified in its objectives related to privacy.',
    category: PR,
  },
  {
    id: 'P4.2',
    title: 'Retention of personal information',
    summary: 'The entity retains personal information consistently with its objectives related to privacy.',
    category: PR,
  },
  {
    id: 'P4.3',
    title: 'Disposal of personal information',
    summary: 'The entity securely disposes of personal information to meet its objectives related to privacy.',
    category: PR,
  },
  {
    id: 'P5.1',
    title: 'Data subject access',
    summary:
      'The entity lets identified and authenticated data subjects access their stored personal information for review and, on request, provides physical or electronic copies. If access is denied, data subjects are told of the denial and the reason, as required.',
    category: PR,
  },
  {
    id: 'P5.2',
    title: 'Correction of personal information',
    summary:
      'The entity corrects, amends, or appends personal information based on information from data subjects and passes it on to third parties as committed or required. If a correction request is denied, data subjects are told of the denial and the reason.',
    category: PR,
  },
  {
    id: 'P6.1',
    title: 'Disclosure to third parties with consent',
    summary:
      'The entity discloses personal information to third parties only with the explicit consent of data subjects, obtained before the disclosure.',
    category: PR,
  },
  {
    id: 'P6.2',
    title: 'Record of authorized disclosures',
    summary:
      'The entity creates and retains a complete, accurate, and timely record of authorized disclosures of personal information.',
    category: PR,
  },
  {
    id: 'P6.3',
    title: 'Record of unauthorized disclosures',
    summary:
      'The entity creates and retains a complete, accurate, and timely record of detected or reported unauthorized disclosures of personal information, including breaches.',
    category: PR,
  },
  {
    id: 'P6.4',
    title: 'Third-party privacy commitments',
    summary:
      'The entity obtains privacy commitments from vendors and other third parties with access to personal information. It assesses their compliance periodically and as needed, and takes corrective action if necessary.',
    category: PR,
  },
  {
    id: 'P6.5',
    title: 'Third-party notification of unauthorized disclosures',
    summary:
      'The entity obtains commitments from vendors and other third parties with access to personal information to notify it of actual or suspected unauthorized disclosures. Such notifications are reported to appropriate personnel and handled under established incident response procedures.',
    category: PR,
  },
  {
    id: 'P6.6',
    title: 'Breach and incident notification',
    summary:
      'The entity notifies affected data subjects, regulators, and others of breaches and incidents to meet its objectives related to privacy.',
    category: PR,
  },
  {
    id: 'P6.7',
    title: 'Accounting of personal information and disclosures',
    summary:
      'On request, the entity gives data subjects an accounting of the personal information it holds about them and of its disclosures of that information.',
    category: PR,
  },
  {
    id: 'P7.1',
    title: 'Quality of personal information',
    summary:
      'The entity collects and maintains accurate, up-to-date, complete, and relevant personal information to meet its objectives related to privacy.',
    category: PR,
  },
  {
    id: 'P8.1',
    title: 'Inquiries, complaints and disputes',
    summary:
      'The entity has a process for receiving, addressing, resolving, and communicating the resolution of inquiries, complaints, and disputes from data subjects and others, and periodically monitors compliance. Corrections and other actions for identified deficiencies are made in a timely manner.',
    category: PR,
  },
];
