/** Types for tests/fakes/fake-openai.mjs (plain JS so Node and Deno can both run it). */

export type FakeMode =
	| 'ok'
	| 'garbage'
	| 'invalid'
	| 'stall'
	| '401'
	| '429'
	| '500'
	/** 200 with an HTML error page. */
	| 'html'
	/** 200 with the completion's JSON cut off halfway (as JSON, or as the first stream event). */
	| 'truncated'
	/** A streamed (or plain) message of about 8 MB. */
	| 'flood'
	/** 200 whose body is OpenRouter's recorded `{"error":{…}}`. */
	| 'openrouter-error';

export interface FakeModeOptions {
	mode?: FakeMode;
	/** Apply the mode to this many completions, then return to 'ok'. */
	times?: number;
	/** Delay before each answer's first byte. */
	delayMs?: number;
	/** Delay between stream chunks (default 5). */
	chunkDelayMs?: number;
	/**
	 * Write at this fixed rate (about 4 characters a token): a stream's chunks on that schedule
	 * instead of chunkDelayMs, a plain answer after all its tokens' time. 0 or absent: off.
	 */
	tokensPerSecond?: number;
	/** The model's answer, verbatim (streamed or not), for `times` completions, then the usual one. */
	content?: string | null;
	/** Keep the mode, canned answer and pace to this route's completions (the others: usual). */
	route?: 'portrait' | 'converse' | 'recommend' | 'analyze' | null;
	/** Refuse `response_format: json_schema` as DeepSeek (400), old llama.cpp (500) or Groq (400 for minItems). */
	refuse?: 'deepseek' | 'llamacpp' | 'groq' | null;
	/** A `<think>` block with braces before the answer, in the content or in a reasoning field. */
	think?: 'content' | 'reasoning_content' | 'reasoning' | 'unterminated' | null;
}

export interface FakeChatRequest {
	model: string;
	messages: { role: string; content: string }[];
	stream?: boolean;
	response_format?: {
		type: string;
		json_schema?: { name: string; strict?: boolean; schema: unknown };
	};
}

export interface FakeCalls {
	count: number;
	byRoute: Record<string, number>;
	last: FakeChatRequest | null;
	/** Streams the client closed before the fake had sent them whole. */
	cutOff: number;
}

export interface FakeOpenAI {
	url: string;
	port: number;
	setMode(mode: FakeMode | FakeModeOptions): void;
	calls(): FakeCalls;
	reset(): void;
	close(): Promise<void>;
}

export function startFakeOpenAI(options?: { port?: number; host?: string }): Promise<FakeOpenAI>;
