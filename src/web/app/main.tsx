import { createRoot } from 'react-dom/client';
import '../public/site.css';

createRoot(document.getElementById('root')!).render(<p>Yintang app</p>);
