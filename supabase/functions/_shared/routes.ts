/**
 * The four curator routes as data: how to read the request, what to ask the model, which
 * schema it must answer with, how its answer is checked, and (converse, recommend) how it
 * streams.
 */
import type {
	AnalysisResult,
	AnalyzeRequest,
	ConverseRequest,
	ConverseResult,
	PortraitRequest,
	PortraitResult,
	RecommendRequest,
	RecommendResult
} from './contract/curator.ts';
import {
	parseAnalyzeRequest,
	parseConverseRequest,
	parsePortraitRequest,
	parseRecommendRequest
} from './inputs.ts';
import {
	analyzeMessages,
	answersIn,
	converseMessages,
	portraitMessages,
	recommendMessages
} from './prompts.ts';
import {
	analyzeSchema,
	converseSchema,
	portraitSchema,
	recommendSchema,
	validateAnalyze,
	validateConverse,
	validatePortrait,
	validateRecommend
} from './schemas.ts';
import { converseStream, recommendStream } from './previews.ts';
import type { RouteSpec } from './structured.ts';

export const portraitRoute: RouteSpec<PortraitRequest, PortraitResult> = {
	route: 'portrait',
	schema: portraitSchema,
	parse: parsePortraitRequest,
	messages: portraitMessages,
	validate: (value) => validatePortrait(value)
};

export const converseRoute: RouteSpec<ConverseRequest, ConverseResult> = {
	route: 'converse',
	schema: converseSchema,
	parse: parseConverseRequest,
	messages: converseMessages,
	validate: (value, req) => validateConverse(value, answersIn(req.messages)),
	stream: converseStream
};

export const recommendRoute: RouteSpec<RecommendRequest, RecommendResult> = {
	route: 'recommend',
	schema: recommendSchema,
	parse: parseRecommendRequest,
	messages: recommendMessages,
	validate: (value, req) => validateRecommend(value, req.exclude),
	stream: recommendStream
};

export const analyzeRoute: RouteSpec<AnalyzeRequest, AnalysisResult> = {
	route: 'analyze',
	schema: analyzeSchema,
	parse: parseAnalyzeRequest,
	messages: analyzeMessages,
	validate: (value) => validateAnalyze(value)
};
