/** One request to the model in a given answer format: its messages and response_format. */
import type { Format } from './ai-formats.ts';
import { type PromptMessage, type RouteName, withSchemaInPrompt } from './prompts.ts';
import { type JsonSchema, withoutKeywordLimits } from './schemas.ts';

export interface ModelRequest {
	route: RouteName;
	messages: PromptMessage[];
	schema: JsonSchema;
}

/** The messages and response_format for one attempt in the given format. */
export function requestFor(req: ModelRequest, format: Format) {
	switch (format) {
		case 'json_schema':
			return {
				messages: req.messages,
				response_format: {
					type: 'json_schema' as const,
					json_schema: { name: req.route, strict: true, schema: req.schema }
				}
			};
		case 'json_schema_loose':
			return {
				messages: req.messages,
				response_format: {
					type: 'json_schema' as const,
					json_schema: { name: req.route, schema: withoutKeywordLimits(req.schema) }
				}
			};
		case 'json_object':
			return {
				messages: withSchemaInPrompt(req.messages, req.route, req.schema),
				response_format: { type: 'json_object' as const }
			};
		case 'none':
			return { messages: withSchemaInPrompt(req.messages, req.route, req.schema) };
	}
}
