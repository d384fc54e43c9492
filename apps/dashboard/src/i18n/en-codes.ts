// English names of the codes the API returns (shown only under the language toggle).
export default {
  hitCodes: {
    RULE_SET_NOT_IN_FORCE: 'No rule set in force', PARAMETER_NOT_CONFIGURED: 'Benefit level not configured', SCHEME_NOT_RESIDENT: 'Not in the residents’ scheme', NOT_CERTIFIED: 'Not certified',
    GENERAL_OUTPATIENT_NOT_EXHAUSTED: 'General-outpatient benefit not used up', PATHWAY_NOT_AVAILABLE: 'Pathway not provided', INSTITUTION_OUT_OF_CITY: 'Institution outside the city',
    INSTITUTION_NOT_INSURANCE_DESIGNATED: 'Not an insurance-designated institution', NOT_DESIGNATED_INSTITUTION: 'Not the designated institution', DESIGNATED_NOT_PRIMARY: 'Designated institution not primary',
    REFERRAL_MISSING: 'Referral missing', REFERRAL_NOT_FROM_DESIGNATED: 'Referral not from the designated institution', REFERRAL_AFTER_SERVICE: 'Referral after the service',
    OUT_OF_AREA_NOT_REGISTERED: 'Not registered out of area', OUT_OF_AREA_LEVEL: 'Out-of-area institution level', INSTITUTION_NOT_AUTHORISED: 'Institution not qualified for 两病',
    EXTENSION_NOT_PRIMARY: 'Extension not at a primary institution', EXTENSION_NO_SOURCE: 'No source prescription', EXTENSION_SOURCE_LEVEL: 'Source prescription level', EXTENSION_SOURCE_EXPIRED: 'Source prescription expired',
    EXTENSION_SOURCE_FUTURE: 'Source prescription after dispensing', EXTENSION_UNSTABLE: 'Unstable patient: no extension', REFERRAL_TARGET_LEVEL: 'Referral target level',
    DRUG_NOT_IN_CATALOGUE: 'Drug not in catalogue', FORM_NOT_IN_CATALOGUE: 'Form not in catalogue', DISEASE_NOT_CERTIFIED: 'Disease not certified', COVERED_BY_CHRONIC_PROGRAMME: 'Covered by the chronic programme',
    VILLAGE_SCOPE: 'Beyond village scope', RESTRICTION_NOT_MET: 'Restriction not met', EXTENSION_DRUG_NOT_PRESCRIBED: 'Drug not on the source prescription', DUPLICATE_DISPENSING: 'Duplicate dispensing',
    LONG_PRESCRIPTION_EXCEEDED: 'Long prescription exceeded', OVER_QUANTITY: 'Over quantity', IRRATIONAL_COMBINATION: 'Irrational combination', CAP_REACHED: 'Annual cap reached',
  },
  params: {
    ratioDesignatedBp: 'Ratio, designated (bp)', ratioReferralBp: 'Ratio, referral (bp)', ratioEmergencyBp: 'Ratio, emergency (bp)', ratioOutOfAreaBp: 'Ratio, out of area (bp)',
    ratioExtensionBp: 'Ratio, extension (bp)', capOneDiseaseFen: 'Cap, one disease (fen)', capBothDiseasesFen: 'Cap, both diseases (fen)', deductibleFen: 'Deductible (fen)',
    capIncludesGeneralOutpatient: 'Cap includes general outpatient', generalOutpatientFirst: 'General outpatient first', longPrescriptionMaxDays: 'Long prescription limit (days)',
    extensionPrescriptionValidMonths: 'Extension prescription valid (months)', earlyRefillToleranceDays: 'Early-refill tolerance (days)', designatedInstitutionRequired: 'Designated institution required',
    chronicProgrammeMembersExcluded: 'Chronic programme members excluded', designationLockedDistricts: 'Districts with locked designation',
  },
  values: { true: 'yes', false: 'no' },
  outcomes: { paid: 'Paid', partially_paid: 'Partly paid', not_paid: 'Not paid', not_in_force: 'No rule set in force', not_configured: 'Not configured' },
  rubric: {
    note: 'Weights sum to 100; the essential-drug share is shown, never scored (Guiyang 五(三)8). Targets and weights are deployment configuration: neither text sets them.',
    basis: {
      standardisedManagement: 'Standardised management (Guiyang 二, 五(三)6; national specification); configuration',
      rationalMedication: 'Rational medication (Guiyang 五(三)6; Wuxi 五(四)); configuration',
      bloodPressureControl: 'BP control (national specification); configuration',
      glucoseControl: 'Glucose control (national specification); configuration',
      centrallyProcuredShareByAmount: 'Centrally procured share by amount (Wuxi 二(二), Guiyang 五(三)7); configuration',
      classAShareByAmount: 'Class A share by amount (Wuxi 二(二)); configuration',
      ruleHitsPer100Claims: 'Rule hits per 100 claims (Wuxi 五(四), Guiyang 五(四)9); configuration',
    },
  },
  figures: { definition: 'Definition', window: 'Window', source: 'Source', notes: 'Definitions' },
  basisCard: { rate: 'Window: {window}' },
  wall: { noData: 'No data' },
};
