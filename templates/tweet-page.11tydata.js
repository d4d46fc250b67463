// A function, not a template string: Eleventy would compile the string again for every tweet.
export default { permalink: (data) => `${data.tweet.pagePath}index.html` };
