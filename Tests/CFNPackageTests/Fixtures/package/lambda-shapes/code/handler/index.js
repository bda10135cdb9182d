exports.handler = async () => "folder";
