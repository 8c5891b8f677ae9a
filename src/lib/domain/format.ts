import type { Journey, Stage } from './journey';
import { stageOf } from './journey';

export function journeyHref(j: Journey, stage: Stage = stageOf(j)): string {
	return `/journey/${j.row.id}/${stage}`;
}

export function formatDate(ms: number): string {
	return new Date(ms).toLocaleDateString(undefined, {
		year: 'numeric',
		month: 'short',
		day: 'numeric',
		hour: '2-digit',
		minute: '2-digit'
	});
}
