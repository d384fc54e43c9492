/** The master-data services (issue #16), built together: the import writes through the institution service's checks. */
import type { RegionDirectory } from '../regions/region.directory';
import type { StatisticsService } from '../statistics/statistics.service';
import { InstitutionImport } from './institution.import';
import { InstitutionService } from './institution.service';
import { PopulationService } from './population.service';
import { RegionService } from './region.service';

export interface MasterDataServices {
  regions: RegionService;
  institutions: InstitutionService;
  institutionImport: InstitutionImport;
  population: PopulationService;
}

export function createMasterData(regions: RegionDirectory, statistics: StatisticsService, today: () => string): MasterDataServices {
  const institutions = new InstitutionService(regions, today);
  return {
    regions: new RegionService(regions, today),
    institutions,
    institutionImport: new InstitutionImport(institutions, regions, today),
    population: new PopulationService(regions, statistics),
  };
}
