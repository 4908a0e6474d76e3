// The ratings page: every analysis the server registers for it, plus the weekend effect on ratings
// (registered on the weekend page), rendered by the generic analysis page.
import { makeAnalysisPage } from './analysis_page.js';

export default makeAnalysisPage('ratings', { extra: ['weekend.ratings'] });
