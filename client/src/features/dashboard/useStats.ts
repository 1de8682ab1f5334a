import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { queryKeys, statsApi, type StatsScope } from '../../api/client';

export function useStatsSummary(scope: StatsScope, enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.stats('summary', scope),
    queryFn: () => statsApi.summary(scope),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useStatsTrend(scope: StatsScope, enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.stats('trend', scope),
    queryFn: () => statsApi.trend(scope),
    placeholderData: keepPreviousData,
    enabled,
  });
}
