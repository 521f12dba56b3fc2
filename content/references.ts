/** The works the essay cites, keyed for <Cite ref="…" />; listed at the end in author order. */
export interface Reference {
  /** Family names, in the paper's order. */
  authors: readonly string[];
  year: number;
  title: string;
  venue: string;
  /** A plain link to the paper (opened by the reader, never fetched by the page). */
  url?: string;
}

export const references = {
  arora2019: {
    authors: ['Arora', 'Du', 'Hu', 'Li', 'Salakhutdinov', 'Wang'],
    year: 2019,
    title: 'On exact computation with an infinitely wide neural net',
    venue: 'NeurIPS 2019',
    url: 'https://arxiv.org/abs/1904.11955',
  },
  chizat2019: {
    authors: ['Chizat', 'Oyallon', 'Bach'],
    year: 2019,
    title: 'On lazy training in differentiable programming',
    venue: 'NeurIPS 2019',
    url: 'https://arxiv.org/abs/1812.07956',
  },
  cho2009: {
    authors: ['Cho', 'Saul'],
    year: 2009,
    title: 'Kernel methods for deep learning',
    venue: 'NeurIPS 2009',
    url: 'https://proceedings.neurips.cc/paper/2009/hash/5751ec3e9a4feab575962e78e006250d-Abstract.html',
  },
  cohen2021: {
    authors: ['Cohen', 'Kaur', 'Li', 'Kolter', 'Talwalkar'],
    year: 2021,
    title: 'Gradient descent on neural networks typically occurs at the edge of stability',
    venue: 'ICLR 2021',
    url: 'https://arxiv.org/abs/2103.00065',
  },
  cristianini2001: {
    authors: ['Cristianini', 'Shawe-Taylor', 'Elisseeff', 'Kandola'],
    year: 2001,
    title: 'On kernel-target alignment',
    venue: 'NeurIPS 2001',
  },
  du2019: {
    authors: ['Du', 'Zhai', 'Póczos', 'Singh'],
    year: 2019,
    title: 'Gradient descent provably optimizes over-parameterized neural networks',
    venue: 'ICLR 2019',
    url: 'https://arxiv.org/abs/1810.02054',
  },
  dyer2020: {
    authors: ['Dyer', 'Gur-Ari'],
    year: 2020,
    title: 'Asymptotics of wide networks from Feynman diagrams',
    venue: 'ICLR 2020',
    url: 'https://arxiv.org/abs/1909.11304',
  },
  fort2020: {
    authors: ['Fort', 'Dziugaite', 'Paul', 'Kharaghani', 'Roy', 'Ganguli'],
    year: 2020,
    title:
      'Deep learning versus kernel learning: an empirical study of loss landscape geometry and the time evolution of the neural tangent kernel',
    venue: 'NeurIPS 2020',
    url: 'https://arxiv.org/abs/2010.15110',
  },
  geiger2020: {
    authors: ['Geiger', 'Spigler', 'Jacot', 'Wyart'],
    year: 2020,
    title: 'Disentangling feature and lazy training in deep neural networks',
    venue: 'Journal of Statistical Mechanics 2020 (arXiv 2019)',
    url: 'https://arxiv.org/abs/1906.08034',
  },
  hanin2020: {
    authors: ['Hanin', 'Nica'],
    year: 2020,
    title: 'Finite depth and width corrections to the neural tangent kernel',
    venue: 'ICLR 2020',
    url: 'https://arxiv.org/abs/1909.05989',
  },
  jacot2018: {
    authors: ['Jacot', 'Gabriel', 'Hongler'],
    year: 2018,
    title: 'Neural tangent kernel: convergence and generalization in neural networks',
    venue: 'NeurIPS 2018',
    url: 'https://arxiv.org/abs/1806.07572',
  },
  lee2019: {
    authors: ['Lee', 'Xiao', 'Schoenholz', 'Bahri', 'Novak', 'Sohl-Dickstein', 'Pennington'],
    year: 2019,
    title: 'Wide neural networks of any depth evolve as linear models under gradient descent',
    venue: 'NeurIPS 2019',
    url: 'https://arxiv.org/abs/1902.06720',
  },
  lewkowycz2020: {
    authors: ['Lewkowycz', 'Bahri', 'Dyer', 'Sohl-Dickstein', 'Gur-Ari'],
    year: 2020,
    title: 'The large learning rate phase of deep learning: the catapult mechanism',
    venue: 'arXiv preprint',
    url: 'https://arxiv.org/abs/2003.02218',
  },
  mei2018: {
    authors: ['Mei', 'Montanari', 'Nguyen'],
    year: 2018,
    title: 'A mean field view of the landscape of two-layer neural networks',
    venue: 'PNAS 2018',
    url: 'https://arxiv.org/abs/1804.06561',
  },
  novak2020: {
    authors: ['Novak', 'Xiao', 'Hron', 'Lee', 'Alemi', 'Sohl-Dickstein', 'Schoenholz'],
    year: 2020,
    title: 'Neural Tangents: fast and easy infinite neural networks in Python',
    venue: 'ICLR 2020',
    url: 'https://arxiv.org/abs/1912.02803',
  },
  rahaman2019: {
    authors: ['Rahaman', 'Baratin', 'Arpit', 'Draxler', 'Lin', 'Hamprecht', 'Bengio', 'Courville'],
    year: 2019,
    title: 'On the spectral bias of neural networks',
    venue: 'ICML 2019',
    url: 'https://arxiv.org/abs/1806.08734',
  },
  williams1997: {
    authors: ['Williams'],
    year: 1997,
    title: 'Computing with infinite networks',
    venue: 'NeurIPS 1996 (Advances in Neural Information Processing Systems 9, 1997)',
    url: 'https://proceedings.neurips.cc/paper/1996/hash/ae5e3ce40e0404a45ecacaaf05e5f735-Abstract.html',
  },
  yang2021: {
    authors: ['Yang', 'Hu'],
    year: 2021,
    title: 'Tensor Programs IV: feature learning in infinite-width neural networks',
    venue: 'ICML 2021',
    url: 'https://arxiv.org/abs/2011.14522',
  },
  yang2022: {
    authors: ['Yang', 'Hu', 'Babuschkin', 'Sidor', 'Liu', 'Farhi', 'Ryder', 'Pachocki', 'Chen', 'Gao'],
    year: 2022,
    title: 'Tensor Programs V: tuning large neural networks via zero-shot hyperparameter transfer',
    venue: 'NeurIPS 2021 (arXiv:2203.03466, 2022)',
    url: 'https://arxiv.org/abs/2203.03466',
  },
} as const satisfies Record<string, Reference>;

export type ReferenceKey = keyof typeof references;

/** The anchor of a reference in the list. */
export function referenceAnchor(key: ReferenceKey): string {
  return `ref-${key}`;
}

/** "Jacot et al.", "Cho & Saul", "Williams": the author part of an author–year citation. */
export function citedAuthors({ authors }: Reference): string {
  if (authors.length === 1) return authors[0];
  if (authors.length === 2) return `${authors[0]} & ${authors[1]}`;
  return `${authors[0]} et al.`;
}

/** The references in list order: first author's family name, then year. */
export function referencesInListOrder(): [ReferenceKey, Reference][] {
  return (Object.entries(references) as [ReferenceKey, Reference][]).sort(
    ([, a], [, b]) => a.authors[0].localeCompare(b.authors[0]) || a.year - b.year,
  );
}
