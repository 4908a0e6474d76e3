// The seasonality page: every analysis the server registers for it, rendered by the generic analysis page.
import { makeAnalysisPage } from './analysis_page.js';

export default makeAnalysisPage('seasonality');
