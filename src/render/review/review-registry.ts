import type { RenderContext } from '../matrix/registry.js';
import { renderReviewHtml } from './review-html.js';
import { renderReviewMarkdown } from './review-markdown.js';
import { renderReviewTable } from './review-table.js';
import type { ReviewViewOptions } from './review-view.js';
import type { Review } from '../../core/review/review-types.js';

// The registry of review report renderers, parallel to planRenderers. The JSON is the review
// itself (schemas/review.schema.json); the others share one view (review-view.ts).

export type ReviewFormat = 'table' | 'markdown' | 'html' | 'json';
export type ReviewRenderer = (review: Review, ctx: RenderContext) => string;

/**
 * Renderers that colour tiers in the given preference order (the plan's `tiers` ids), as the
 * matrix does. The review does not carry that order; `reviewRenderers` sorts tier ids instead.
 */
export function makeReviewRenderers(opts: ReviewViewOptions = {}): Record<ReviewFormat, ReviewRenderer> {
  return {
    table: (review, ctx) => renderReviewTable(review, ctx, opts),
    markdown: (review, ctx) => renderReviewMarkdown(review, ctx, opts),
    html: (review, ctx) => renderReviewHtml(review, ctx, opts),
    json: (review) => `${JSON.stringify(review, null, 2)}\n`,
  };
}

export const reviewRenderers: Record<ReviewFormat, ReviewRenderer> = makeReviewRenderers();

export const REVIEW_FORMATS = Object.keys(reviewRenderers) as ReviewFormat[];
