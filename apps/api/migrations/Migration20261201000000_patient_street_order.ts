import { Migration } from '@mikro-orm/migrations';

/**
 * Patients by street in id order: the patient list of a street (the bureau's most common list)
 * pages in the list's own order instead of sorting every patient of the street first
 * (14 ms → under 1 ms at 1 M claims; bench/plans.ts).
 */
export class Migration20261201000000PatientStreetOrder extends Migration {
  override up(): void {
    this.addSql(`
drop index if exists patients_street;
create index patients_street on patients (district_code, street_code, id);
`);
  }

  override down(): void {
    this.addSql(`
drop index if exists patients_street;
create index patients_street on patients (district_code, street_code);
`);
  }
}
