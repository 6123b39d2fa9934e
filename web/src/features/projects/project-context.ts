import { createContext, useContext } from 'react';

/** The selected project id (pages render only once one is chosen). */
export const ProjectContext = createContext<string | null>(null);

/** The id of the project every page queries. Must be used under a selected project. */
export function useProjectId(): string {
  const id = useContext(ProjectContext);
  if (id === null) throw new Error('useProjectId() must be used once a project is selected');
  return id;
}
