// The masked name and resident ID of the patients on a page of cases. A case carries only the
// patient's id; the API masks personal data for everyone but auditors. Each patient is asked for
// once (cached for the session's page), a few at a time.
import { shallowRef, watch } from 'vue';
import { api } from '../api/session';
import { MaskedPatientDocument } from '../graphql/generated';

export interface MaskedPatient {
  name: string;
  residentId: string;
}

const PARALLEL = 4;

export function useMaskedPatients(ids: () => readonly (string | null)[]) {
  const patients = shallowRef<ReadonlyMap<string, MaskedPatient | null>>(new Map());

  async function load(wanted: string[]): Promise<void> {
    const queue = wanted.filter((id) => !patients.value.has(id));
    const worker = async () => {
      for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
        const found = await api.request(MaskedPatientDocument, { id }).then(
          (d) => ({ name: d.patient.name, residentId: d.patient.residentId }),
          () => null, // shown as the bare id
        );
        patients.value = new Map(patients.value).set(id, found);
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL, queue.length) }, worker));
  }

  watch(
    () => [...new Set(ids().filter((id): id is string => id !== null))].join(','),
    (joined) => void load(joined === '' ? [] : joined.split(',')),
    { immediate: true },
  );
  return patients;
}
