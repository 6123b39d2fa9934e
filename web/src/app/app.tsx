import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { ApiKeyForm } from '../components/api-key-form.js';
import { Select } from '../components/controls.js';
import { EmptyState, ErrorState, LoadingState } from '../components/states.js';
import { useI18n } from '../i18n/use-i18n.js';
import { API_KEY_STORAGE_KEY, hasSessionToken } from '../lib/api-client.js';
import { ApiError } from '../lib/api-error.js';
import { LANGUAGES } from '../i18n/translate.js';
import { PAGES, useHashRoute } from '../lib/use-hash-route.js';
import type { Page } from '../lib/use-hash-route.js';
import { useProjects } from '../features/projects/api/get-projects.js';
import { pickProject } from '../features/projects/pick-project.js';
import { ProjectContext } from '../features/projects/project-context.js';
import { OverviewPage } from '../features/overview/overview-page.js';
import { TrendsPage } from '../features/trends/trends-page.js';
import { FunnelsPage } from '../features/funnels/funnels-page.js';
import { RetentionPage } from '../features/retention/retention-page.js';
import { PathsPage } from '../features/paths/paths-page.js';
import { LifecyclePage } from '../features/lifecycle/lifecycle-page.js';
import { RecommendationsPage } from '../features/recommendations/recommendations-page.js';
import { ModelsPage } from '../features/models/models-page.js';
import { AlertsPage } from '../features/alerts/alerts-page.js';
import { FeedbackPage } from '../features/feedback/feedback-page.js';

const PROJECT_STORAGE_KEY = 'northstar.project';

function readRemembered(key: string = PROJECT_STORAGE_KEY): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

function renderPage(page: Page): ReactNode {
  switch (page) {
    case 'overview':
      return <OverviewPage />;
    case 'trends':
      return <TrendsPage />;
    case 'funnels':
      return <FunnelsPage />;
    case 'retention':
      return <RetentionPage />;
    case 'paths':
      return <PathsPage />;
    case 'lifecycle':
      return <LifecyclePage />;
    case 'recommendations':
      return <RecommendationsPage />;
    case 'models':
      return <ModelsPage />;
    case 'alerts':
      return <AlertsPage />;
    case 'feedback':
      return <FeedbackPage />;
  }
}

/** The dashboard shell: navigation, project picker, language switch, and the current page. */
export function App() {
  const { t, lang, setLang } = useI18n();
  const page = useHashRoute();
  const projects = useProjects();
  const [chosen, setChosen] = useState<string | null>(() => readRemembered());
  const projectId = projects.data ? pickProject(projects.data, chosen) : undefined;

  useEffect(() => {
    if (!projectId) return;
    try {
      window.localStorage.setItem(PROJECT_STORAGE_KEY, projectId);
    } catch {
      // not remembered across reloads; harmless
    }
  }, [projectId]);

  let body: ReactNode;
  if (projects.isPending) body = <LoadingState />;
  else if (projects.isError) {
    const refused = projects.error instanceof ApiError && (projects.error.status === 401 || projects.error.status === 403);
    body = (
      <div className="page">
        <ErrorState error={projects.error} onRetry={() => void projects.refetch()} />
        {refused && !hasSessionToken() ? <ApiKeyForm hasSavedKey={readRemembered(API_KEY_STORAGE_KEY) !== null} /> : null}
      </div>
    );
  }
  else if (!projectId) body = <EmptyState>{t('state.noProjectsHint')}</EmptyState>;
  else body = <ProjectContext.Provider value={projectId}>{<div key={projectId}>{renderPage(page)}</div>}</ProjectContext.Provider>;

  return (
    <div className="shell">
      <aside className="sidebar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">★</span>
          <div>
            <div className="brand-name">{t('app.name')}</div>
            <div className="brand-tagline">{t('app.tagline')}</div>
          </div>
        </div>
        <nav aria-label={t('nav.label')}>
          {PAGES.map((p) => (
            <a key={p} href={`#/${p}`} className={p === page ? 'nav-link active' : 'nav-link'} aria-current={p === page ? 'page' : undefined} data-testid={`nav-${p}`}>
              {t(`nav.${p}`)}
            </a>
          ))}
        </nav>
        <div className="sidebar-footer">
          {projects.data && projects.data.length > 1 && projectId ? (
            <label className="field">
              <span className="field-label">{t('project.label')}</span>
              <Select value={projectId} options={projects.data.map((p) => ({ value: p.id, label: p.name }))} onChange={setChosen} testId="project-select" />
            </label>
          ) : null}
          <label className="field">
            <span className="field-label">{t('lang.label')}</span>
            <Select value={lang} options={LANGUAGES.map((l) => ({ value: l, label: t(`lang.${l}`) }))} onChange={setLang} testId="lang-select" />
          </label>
        </div>
      </aside>
      <main className="main">{body}</main>
    </div>
  );
}
