// The trends page: every analysis the server registers for it, rendered by the generic analysis page.
import { makeAnalysisPage } from './analysis_page.js';

export default makeAnalysisPage('trends');
