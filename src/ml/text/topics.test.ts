import { describe, expect, it } from 'vitest';
import { createRng } from '../../common/rng.js';
import { groupTopics, labelPropagation, type TopicDocument } from './topics.js';

const THEMES = [
  ['物流', '太慢', '到货'],
  ['客服', '回复', '处理'],
  ['价格', '太贵', '不值'],
] as const;

/** Texts drawn from three themes plus noise words; `seed` fixes the draw. */
function corpus(seed: number, perTheme: number): TopicDocument[] {
  const rng = createRng(seed);
  const noise = ['今天', '宝贝', '颜色', '尺寸', '朋友', '上班'];
  const docs: TopicDocument[] = [];
  THEMES.forEach((theme, k) => {
    for (let i = 0; i < perTheme; i++) {
      const tokens: string[] = theme.filter(() => rng.chance(0.8));
      if (tokens.length === 0) tokens.push(theme[0]);
      tokens.push(rng.pick(noise));
      docs.push({ id: `${k}-${i}`, tokens, text: tokens.join('，'), score: -0.5 - k * 0.1 });
    }
  });
  return docs;
}

describe('labelPropagation', () => {
  it('finds the two cliques of a barbell graph and leaves isolated nodes alone', () => {
    const w = [
      [0, 1, 1, 0, 0, 0],
      [1, 0, 1, 0, 0, 0],
      [1, 1, 0, 0.1, 0, 0],
      [0, 0, 0.1, 0, 1, 0],
      [0, 0, 0, 1, 0, 0],
      [0, 0, 0, 0, 0, 0],
    ];
    const labels = labelPropagation(w);
    expect(labels[0]).toBe(labels[1]);
    expect(labels[1]).toBe(labels[2]);
    expect(labels[3]).toBe(labels[4]);
    expect(labels[0]).not.toBe(labels[3]);
    expect(labels[5]).toBe(5);
  });
});

describe('groupTopics', () => {
  it.each([1, 2, 3])('recovers the three planted themes (seed %i)', (seed) => {
    const docs = corpus(seed, 40);
    const { topics, unassigned } = groupTopics(docs);
    expect(topics).toHaveLength(3);
    expect(unassigned).toBe(0);
    for (const topic of topics) {
      const themes = new Set(topic.documentIds.map((id) => id.split('-')[0]));
      expect(themes.size, topic.label).toBe(1);
      expect(topic.size).toBe(40);
      expect(topic.quotes.length).toBeGreaterThan(0);
      expect(topic.quotes.length).toBeLessThanOrEqual(3);
      expect(new Set(topic.quotes.map((q) => q.text)).size).toBe(topic.quotes.length);
      expect(topic.label.split(' / ').every((t) => THEMES.some((th) => (th as readonly string[]).includes(t)))).toBe(true);
    }
  });

  it('is deterministic and independent of input order', () => {
    const docs = corpus(7, 30);
    const a = groupTopics(docs);
    const b = groupTopics([...docs].reverse());
    expect(b.topics.map((t) => [t.id, t.size, [...t.documentIds].sort()])).toEqual(a.topics.map((t) => [t.id, t.size, [...t.documentIds].sort()]));
    expect(groupTopics(docs)).toEqual(a);
  });

  it('caps the number of topics and counts the rest as unassigned', () => {
    const { topics, unassigned } = groupTopics(corpus(1, 40), { maxTopics: 1 });
    expect(topics).toHaveLength(1);
    expect(unassigned).toBe(80);
  });

  it('handles empty input and texts without shared terms', () => {
    expect(groupTopics([])).toEqual({ topics: [], unassigned: 0 });
    const lone = groupTopics([{ id: 'a', tokens: ['x'], text: 'x' }, { id: 'b', tokens: [], text: '' }]);
    expect(lone).toEqual({ topics: [], unassigned: 2 });
  });

  it('averages the sentiment of a topic and prefers negative quotes', () => {
    const docs: TopicDocument[] = [
      { id: '1', tokens: ['物流', '太慢'], text: 'mild', score: -0.2 },
      { id: '2', tokens: ['物流', '太慢'], text: 'harsh', score: -0.9 },
      { id: '3', tokens: ['物流', '太慢'], text: 'ok', score: 0.1 },
    ];
    const [topic] = groupTopics(docs, { quotes: 2 }).topics;
    expect(topic?.quotes.map((q) => q.text)).toEqual(['harsh', 'mild']);
    expect(topic?.meanScore).toBeCloseTo(-1 / 3, 12);
  });
});
