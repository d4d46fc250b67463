// A function, not a template string: Eleventy would compile the string again for every page.
export default { permalink: (data) => `${data.tagPage.path}index.html` };
