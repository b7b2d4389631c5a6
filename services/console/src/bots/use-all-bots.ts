import { useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import type { Page, Workflow } from '../api/types';
import { useWorkspace } from '../workspace-context';

/**
 * Every bot, page after page: the list is usable from the first page on while the rest arrive, and
 * the search covers all of them once they have.
 */
export function useAllBots(): { data?: Workflow[]; error: Error | null; complete: boolean } {
  const { api } = useWorkspace();
  const pages = useInfiniteQuery({
    queryKey: ['workflows', 'pages'],
    queryFn: ({ pageParam }) => api.get<Page<Workflow>>('/workflows', { limit: 100, next: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next,
  });
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = pages;
  useEffect(() => { if (hasNextPage && !isFetchingNextPage) void fetchNextPage(); }, [hasNextPage, isFetchingNextPage, fetchNextPage]);
  const data = useMemo(() => pages.data?.pages.flatMap((page) => page.items), [pages.data]);
  return { data, error: pages.error, complete: !!pages.data && !hasNextPage };
}
