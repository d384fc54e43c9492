/**
 * MikroORM entities, defined with defineEntity (tsx and Vitest emit no decorator metadata).
 * They mirror the checked-in migrations; the composite keys lead with district_code (see the
 * migration's note on distribution). Hot paths (claim submission, statistics) use SQL through
 * the same EntityManager so that they run in its transaction.
 */
import { defineEntity, p } from '@mikro-orm/core';

export const Region = defineEntity({
  name: 'Region',
  tableName: 'regions',
  properties: {
    code: p.string().primary(),
    name: p.string(),
    level: p.string(),
    parentCode: p.string().nullable(),
    cityCode: p.string(),
    standardCode: p.boolean(),
  },
});

export const PopulationFigure = defineEntity({
  name: 'PopulationFigure',
  tableName: 'population_figures',
  properties: {
    districtCode: p.string().primary(),
    year: p.integer().primary(),
    population35Plus: p.integer().fieldName('population_35_plus'),
    hypertensionPrevalenceBp: p.integer(),
    diabetesPrevalenceBp: p.integer(),
    surveyAwarenessHypertensionBp: p.integer().nullable(),
    surveyAwarenessDiabetesBp: p.integer().nullable(),
    source: p.text(),
  },
});

export const Institution = defineEntity({
  name: 'Institution',
  tableName: 'institutions',
  properties: {
    id: p.string().primary(),
    name: p.string(),
    level: p.string(),
    cityCode: p.string(),
    districtCode: p.string(),
    streetCode: p.string().nullable(),
    consortiumId: p.string().nullable(),
    canTreatTwoDiseases: p.boolean(),
    insuranceDesignated: p.boolean(),
    networkedOutOfArea: p.boolean(),
  },
});

export const AppUser = defineEntity({
  name: 'AppUser',
  tableName: 'app_users',
  properties: {
    id: p.string().primary(),
    name: p.string(),
    role: p.string(),
    cityCode: p.string(),
    districtCode: p.string().nullable(),
    institutionId: p.string().nullable(),
  },
});

export const Patient = defineEntity({
  name: 'Patient',
  tableName: 'patients',
  properties: {
    districtCode: p.string().primary(),
    id: p.string().primary(),
    residentId: p.string(),
    name: p.string(),
    sex: p.string(),
    birthDate: p.string().columnType('date'),
    streetCode: p.string().nullable(),
    phone: p.string().nullable(),
    scheme: p.string(),
    uninsuredReason: p.string().nullable(),
    managed: p.boolean(),
    managedSince: p.string().columnType('date').nullable(),
    managingInstitutionId: p.string().nullable(),
    chronicProgrammeDiseases: p.array(),
    longTermResidenceElsewhere: p.boolean(),
    findings: p.array(),
    createdAt: p
      .datetime()
      .columnType('timestamptz')
      .onCreate(() => new Date()),
  },
});

export const PatientDisease = defineEntity({
  name: 'PatientDisease',
  tableName: 'patient_diseases',
  properties: {
    districtCode: p.string().primary(),
    patientId: p.string().primary(),
    disease: p.string().primary(),
    diabetesType: p.string().nullable(),
    diagnosedOn: p.string().columnType('date'),
  },
});

export const Certification = defineEntity({
  name: 'Certification',
  tableName: 'certifications',
  properties: {
    districtCode: p.string().primary(),
    patientId: p.string().primary(),
    certificateNo: p.string().primary(),
    certifiedOn: p.string().columnType('date'),
    certifyingInstitutionId: p.string(),
    diseases: p.array(),
    revokedOn: p.string().columnType('date').nullable(),
  },
});

export const Designation = defineEntity({
  name: 'Designation',
  tableName: 'designations',
  properties: {
    districtCode: p.string().primary(),
    patientId: p.string().primary(),
    validFrom: p.string().columnType('date').primary(),
    validTo: p.string().columnType('date').nullable(),
    institutionId: p.string(),
    consortiumId: p.string().nullable(),
    requestedOn: p.string().columnType('date'),
    atEnrolment: p.boolean(),
  },
});

export const FollowUp = defineEntity({
  name: 'FollowUp',
  tableName: 'follow_ups',
  properties: {
    districtCode: p.string().primary(),
    id: p.uuid().primary(),
    patientId: p.string(),
    institutionId: p.string(),
    followUpDate: p.string().columnType('date'),
    faceToFace: p.boolean(),
    systolic: p.integer().nullable(),
    diastolic: p.integer().nullable(),
    fastingGlucoseTenths: p.integer().nullable(),
    createdAt: p
      .datetime()
      .columnType('timestamptz')
      .onCreate(() => new Date()),
  },
});

export const ENTITIES = [Region, PopulationFigure, Institution, AppUser, Patient, PatientDisease, Certification, Designation, FollowUp];
