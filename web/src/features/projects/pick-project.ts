import type { ProjectSummary } from './api/get-projects.js';

/** The project to show: the remembered one if it still exists, else the demo shop, else the first. */
export function pickProject(projects: readonly ProjectSummary[], remembered: string | null): string | undefined {
  if (remembered && projects.some((p) => p.id === remembered)) return remembered;
  return projects.find((p) => p.id === 'demo-shop')?.id ?? projects[0]?.id;
}
