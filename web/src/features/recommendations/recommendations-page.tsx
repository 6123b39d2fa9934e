import { useState } from 'react';
import { PageHeader } from '../../components/controls.js';
import { ModelsCard } from './models-card.js';
import { SimilarItemsCard } from './similar-items-card.js';
import { UserLookup } from './user-lookup.js';

/** Recommendations: model versions (train, activate), a user's history beside their list, and similar items. */
export function RecommendationsPage() {
  const [item, setItem] = useState<string | null>(null);
  return (
    <div className="page" data-testid="page-recommendations">
      <PageHeader titleKey="nav.recommendations" />
      <ModelsCard />
      <UserLookup onPickItem={setItem} />
      <SimilarItemsCard item={item} onItem={setItem} />
    </div>
  );
}
