const range = (from: number, to: number, step: number): string[] =>
  Array.from({ length: (to - from) / step + 1 }, (_, index) => String(from + index * step));

/**
 * The Fargate CPU units the engine may use (the seed's 0.25 to 4 vCPU) and, for each, the task memory
 * sizes in MiB that Fargate accepts with it.
 * @see https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html#fargate-tasks-size
 */
export const FARGATE_TASK_SIZES: Record<string, string[]> = {
  256: ['512', '1024', '2048'],
  512: range(1024, 4096, 1024),
  1024: range(2048, 8192, 1024),
  2048: range(4096, 16384, 1024),
  4096: range(8192, 30720, 1024),
};

/** Every task memory size of FARGATE_TASK_SIZES, ascending. */
export const FARGATE_MEMORY_SIZES = [...new Set(Object.values(FARGATE_TASK_SIZES).flat())].sort((a, b) => Number(a) - Number(b));
